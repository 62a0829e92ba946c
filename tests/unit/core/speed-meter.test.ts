import { describe, expect, it } from 'vitest';
import { SpeedMeter } from '../../../src/core/upload/speed-meter';

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
