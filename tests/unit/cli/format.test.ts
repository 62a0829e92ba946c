import { describe, expect, it } from 'vitest';
import { bar, formatBytes, formatEta, truncateMiddle } from '../../../src/cli/format';
import { parseFaults } from '../../../src/cli/commands/sandbox';

describe('CLI formatting', () => {
  it('uses decimal units like Finder and Frame.io', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB'); // the window's unit style (src/renderer/format.ts)
    expect(formatBytes(18_400_000_000)).toBe('18.4 GB');
    expect(formatBytes(214_000_000)).toBe('214 MB');
  });

  it('rounds ETAs the way people read them', () => {
    expect(formatEta(null)).toBe('--');
    expect(formatEta(42.4)).toBe('42 s');
    expect(formatEta(250)).toBe('4 min');
    expect(formatEta(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
  });

  it('draws bars and truncates long names in the middle', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(truncateMiddle('A001_C003_0101XY.mov', 11)).toBe('A001_…Y.mov');
  });

  it('parses --faults and rejects typos', () => {
    expect(parseFaults('put503=0.1,seed=7')).toEqual({ put503: 0.1, seed: 7 });
    expect(() => parseFaults('put530=0.1')).toThrow(/unknown fault "put530"/);
    expect(() => parseFaults('put503=lots')).toThrow(/needs a number/);
  });
});
