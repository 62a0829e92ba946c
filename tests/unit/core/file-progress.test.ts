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

describe('FileProgress: the acknowledged count (decisions/0024)', () => {
  it('counts a part once, however often it is acknowledged', () => {
    const p = new FileProgress(100);
    p.acknowledge(0, 40);
    p.acknowledge(0, 40);
    expect(p.acknowledgedBytes).toBe(40);
  });

  it('keeps the bytes on the wire apart, and a retried part counts for nothing until it is stored', () => {
    const p = new FileProgress(100);
    p.acknowledge(0, 40);
    p.sending(1, 30);
    expect(p.sendingBytes).toBe(30);
    p.dropInFlight(1); // the PUT failed: re-sent from its first byte
    expect(p.sendingBytes).toBe(0);
    expect(p.acknowledgedBytes).toBe(40);
    p.sending(1, 5);
    expect(p.sendingBytes).toBe(5);
    expect(p.acknowledgedBytes).toBe(40);
    p.acknowledge(1, 40);
    p.sending(1, 40); // a late progress event for a stored part
    expect(p.sendingBytes).toBe(0);
    expect(p.acknowledgedBytes).toBe(80);
  });
});
