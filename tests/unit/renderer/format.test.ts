// Numbers as people read them: decimal units, ETAs rounded the way a person says them, relative dates.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatEta, formatPercent, formatSpeed, plural } from '../../../src/renderer/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_000, '1.0 KB'],
    [1_536, '1.5 KB'],
    [123_456_789, '123 MB'],
    [3_000_000_000, '3.0 GB'], // decimal: 3 × 10^9 is 3.0 GB, as Finder and Frame.io say (not 2.8 GiB)
    [96_000_000_000, '96.0 GB'],
    [1_500_000_000_000, '1.5 TB'],
    [2_000_000_000_000_000, '2000 TB'], // TB is the largest unit
  ])('%d B is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('%d is a dash', (bytes) => {
    expect(formatBytes(bytes)).toBe('—');
  });

  it('rounds up into the next unit instead of showing 1000 KB or 100.0 KB', () => {
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(99_960)).toBe('100 KB');
  });

  it('speeds are bytes per second, and nothing when stalled', () => {
    expect(formatSpeed(212_000_000)).toBe('212 MB/s');
    expect(formatSpeed(0)).toBe('');
  });
});

describe('formatEta', () => {
  it.each([
    [0, 'a few seconds left'],
    [4.9, 'a few seconds left'],
    [5, '5 s left'],
    [11, '15 s left'], // seconds round up to 5 s
    [42, '45 s left'],
    [60, '1 min left'],
    [89, '1 min left'], // minutes round to the nearest
    [90, '2 min left'],
    [59 * 60, '59 min left'],
    [3_600, '1 h 0 min left'],
    [5_400, '1 h 30 min left'],
    [26 * 3_600 + 4 * 60, '26 h 4 min left'],
  ])('%d s is "%s"', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });

  it('never says "60 s left" (just under a minute rounds to 1 min)', () => {
    expect(formatEta(58)).not.toBe('60 s left');
  });

  it('says nothing when it does not know', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('formatPercent', () => {
  it('floors, so 100 % means done', () => {
    expect(formatPercent(999, 1_000)).toBe(99);
    expect(formatPercent(1_000, 1_000)).toBe(100);
    expect(formatPercent(250, 1_000)).toBe(25);
  });

  it('never passes 100, and an empty file is 0', () => {
    expect(formatPercent(2_000, 1_000)).toBe(100);
    expect(formatPercent(0, 0)).toBe(0);
  });
});

describe('formatDate', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }); // the renderer speaks the system's locale
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each([
    [20_000, relative.format(0, 'minute')],
    [5 * 60_000, relative.format(-5, 'minute')],
    [59 * 60_000, relative.format(-59, 'minute')],
    [3 * 3_600_000, relative.format(-3, 'hour')],
    [30 * 3_600_000, relative.format(-1, 'day')],
    [3 * 86_400_000, relative.format(-3, 'day')],
  ])('%d ms ago is relative', (ms, text) => {
    expect(formatDate(ago(ms), now)).toBe(text);
  });

  it('a future time is relative too', () => {
    expect(formatDate(new Date(now + 2 * 3_600_000).toISOString(), now)).toBe(relative.format(2, 'hour'));
  });

  it('a week or more ago is a date', () => {
    const iso = ago(10 * 86_400_000);
    expect(formatDate(iso, now)).toBe(new Date(iso).toLocaleDateString());
  });

  it('no date, or one that does not parse, is blank', () => {
    expect(formatDate(null, now)).toBe('');
    expect(formatDate('yesterday-ish', now)).toBe('');
  });
});

describe('plural', () => {
  it('one, many, and a given plural', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(12_000, 'file')).toBe(`${(12_000).toLocaleString()} files`);
    expect(plural(2, 'query', 'queries')).toBe('2 queries');
  });
});
