// The physical bound the link profiles judge every tool by (bench/lib/profiles.ts).
import { describe, expect, it } from 'vitest';
import { parseProfiles, physicalBound } from '../../../bench/lib/profiles.js';

describe('physical bound', () => {
  const office = { rttMs: 30, bitsPerS: 200e6 };

  it('is the wire time plus one create + PUT + complete when bytes dominate', () => {
    const b = physicalBound(office, 250e6, 24, true); // 10 s of bytes; 24 creates take 4.8 s at 5/s
    expect(b.wireS).toBeCloseTo(10, 6);
    expect(b.createS).toBeCloseTo(4.8, 6);
    expect(b.totalS).toBeCloseTo(10 + 0.09, 6);
  });

  it('is the create limit when files dominate and Frame.io limits apply, the wire otherwise', () => {
    expect(physicalBound(office, 50e6, 1000, true).totalS).toBeCloseTo(200 + 0.09, 6);
    expect(physicalBound(office, 50e6, 1000, false).totalS).toBeCloseTo(2 + 0.09, 6);
  });

  it('knows the three profiles and refuses others', () => {
    expect(parseProfiles('lan,far').map((p) => [p.id, p.rttMs, p.bitsPerS / 1e6, p.frameioLimits])).toEqual([
      ['lan', 1, 1000, false],
      ['far', 120, 100, true],
    ]);
    expect(() => parseProfiles('moon')).toThrow(/unknown profile/);
  });
});
