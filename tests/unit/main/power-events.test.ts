// Sleep/wake, screen unlock and net.isOnline() changes become network hints for the backend, with a fake
// powerMonitor (an EventEmitter), a scripted isOnline and fake timers.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONLINE_POLL_MS, watchPowerEvents } from '../../../src/main/os/power-events';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(initiallyOnline = true) {
  const powerMonitor = new EventEmitter();
  const state = { online: initiallyOnline };
  const hints: boolean[] = [];
  const dispose = watchPowerEvents({ powerMonitor: powerMonitor as never, isOnline: () => state.online, networkHint: (online) => hints.push(online) });
  return { powerMonitor, state, hints, dispose };
}

describe('watchPowerEvents', () => {
  it('reports net.isOnline() changes within one poll, and only changes', () => {
    const { state, hints } = setup();
    vi.advanceTimersByTime(ONLINE_POLL_MS * 3);
    expect(hints).toEqual([]);
    state.online = false;
    vi.advanceTimersByTime(ONLINE_POLL_MS);
    expect(hints).toEqual([false]);
    vi.advanceTimersByTime(ONLINE_POLL_MS * 2);
    state.online = true;
    vi.advanceTimersByTime(ONLINE_POLL_MS);
    expect(hints).toEqual([false, true]);
  });

  it('hints at once on wake and on unlock, with what the OS says then', () => {
    const { powerMonitor, state, hints } = setup();
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(hints).toEqual([true, true]); // each one makes files waiting for the network look again now
    state.online = false;
    powerMonitor.emit('resume'); // woke without a network: say so, do not claim "online"
    expect(hints).toEqual([true, true, false]);
    vi.advanceTimersByTime(ONLINE_POLL_MS);
    expect(hints).toHaveLength(3); // the poll already knows: no repeat
    state.online = true;
    vi.advanceTimersByTime(ONLINE_POLL_MS);
    expect(hints).toEqual([true, true, false, true]);
  });

  it('stops polling and listening when disposed', () => {
    const { powerMonitor, state, hints, dispose } = setup();
    dispose();
    expect(powerMonitor.listenerCount('resume') + powerMonitor.listenerCount('unlock-screen')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    state.online = false;
    powerMonitor.emit('resume');
    vi.advanceTimersByTime(ONLINE_POLL_MS * 2);
    expect(hints).toEqual([]);
  });
});
