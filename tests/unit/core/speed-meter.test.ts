import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGED_SAMPLE_MS, SpeedMeter } from '../../../src/core/upload/speed-meter';

describe('SpeedMeter', () => {
  it('measures a steady rate and gives an ETA', () => {
    let t = 0;
    const meter = new SpeedMeter(() => t);
    meter.update(0);
    for (let i = 1; i <= 10; i++) {
      t = i * 1000;
      meter.update(i * 1_000_000);
    }
    expect(meter.bytesPerSecond).toBeCloseTo(1_000_000, -3);
    expect(meter.etaSeconds(5_000_000)).toBeCloseTo(5, 1);
  });

  it('smooths a sudden spike instead of jumping to it', () => {
    let t = 0;
    const meter = new SpeedMeter(() => t);
    meter.update(0);
    t = 1000;
    meter.update(1_000_000);
    t = 2000;
    meter.update(11_000_000); // one second at 10 MB/s
    expect(meter.bytesPerSecond).toBeGreaterThan(1_000_000);
    expect(meter.bytesPerSecond).toBeLessThan(10_000_000);
  });

  it('has no ETA before it knows a speed', () => {
    expect(new SpeedMeter(() => 0).etaSeconds(100)).toBeNull();
  });
});

describe('SpeedMeter over acknowledged bytes (decisions/0024)', () => {
  // 4 parts of 16 MiB in flight at 10 MiB/s in all: a part is acknowledged every 1.6 s, 16 MiB at a time.
  const MiB = 1024 * 1024;
  const swing = (meter: SpeedMeter, clock: { t: number }) => {
    const seen: number[] = [];
    for (let ms = 0; ms <= 60_000; ms += 250) {
      clock.t = ms;
      const rate = meter.update(Math.floor(ms / 1600) * 16 * MiB);
      if (ms >= 20_000) seen.push(rate / (10 * MiB));
    }
    return { low: Math.min(...seen), high: Math.max(...seen) };
  };

  it('stays within 20 % of the true rate when bytes arrive a part at a time', () => {
    const clock = { t: 0 };
    const { low, high } = swing(new SpeedMeter(() => clock.t, ACKNOWLEDGED_SAMPLE_MS), clock);
    expect(low).toBeGreaterThan(0.8);
    expect(high).toBeLessThan(1.2);
  });
});
