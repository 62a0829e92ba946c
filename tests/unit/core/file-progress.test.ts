import { describe, expect, it } from 'vitest';
import { FileProgress } from '../../../src/core/upload/file-progress';

describe('FileProgress', () => {
  it('counts acknowledged plus in-flight bytes', () => {
    const p = new FileProgress(100);
    p.sending(0, 30);
    p.sending(1, 20);
    expect(p.transferredBytes).toBe(50);
    p.acknowledge(0, 40);
    expect(p.acknowledgedBytes).toBe(40);
    expect(p.transferredBytes).toBe(60);
  });

  it('never goes backwards when a part fails and is retried', () => {
    const p = new FileProgress(100);
    p.sending(0, 45);
    expect(p.transferredBytes).toBe(45);
    p.dropInFlight(0);
    expect(p.transferredBytes).toBe(45);
    p.sending(0, 10);
    expect(p.transferredBytes).toBe(45);
    p.sending(0, 50);
    expect(p.transferredBytes).toBe(50);
  });

  it('never passes the file size', () => {
    const p = new FileProgress(10);
    p.sending(0, 8);
    p.sending(1, 8);
    expect(p.transferredBytes).toBe(10);
    p.acknowledge(0, 8);
    p.acknowledge(1, 8);
    expect(p.acknowledgedBytes).toBe(10);
  });

  it('restarts only when the asset is recreated', () => {
    const p = new FileProgress(10);
    p.acknowledge(0, 5);
    p.restart();
    expect(p.transferredBytes).toBe(0);
  });
});
