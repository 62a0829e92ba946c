// How a file moves: the transition table and the one function that applies it.
import { describe, expect, it } from 'vitest';
import { ALLOWED_MOVES, canMove, IllegalMoveError, transition } from '../../../src/core/upload/file-lifecycle';
import { newFileState } from '../../../src/core/upload/file-state';
import { FINAL_STATUSES, UPLOAD_STATUSES } from '../../../src/shared/upload-status';

const fresh = () => newFileState(1, 'b', { path: '/x/a.mov', remoteDir: '', name: 'a.mov', size: 1, mtimeMs: 1 }, { onConflict: 'skip' });

describe('file lifecycle', () => {
  it('covers every status, and nothing leaves completed or skipped', () => {
    expect(Object.keys(ALLOWED_MOVES).sort()).toEqual([...UPLOAD_STATUSES].sort());
    expect(ALLOWED_MOVES.completed).toEqual([]);
    expect(ALLOWED_MOVES.skipped).toEqual([]);
  });

  it('lets every status in progress be paused, failed or canceled; failed and canceled only go back to the queue', () => {
    for (const status of UPLOAD_STATUSES.filter((s) => !FINAL_STATUSES.has(s))) {
      for (const to of ['paused', 'failed', 'canceled'] as const) expect(canMove(status, to), `${status} → ${to}`).toBe(true);
    }
    expect(canMove('failed', 'queued')).toBe(true);
    expect(canMove('canceled', 'queued')).toBe(true);
    expect(canMove('failed', 'completed')).toBe(false);
    expect(canMove('queued', 'confirming')).toBe(false);
  });

  it('moves a file with its error, and refuses a move the table forbids (an engine bug, named)', () => {
    const file = fresh();
    expect(transition(file, 'creating')).toBe('queued');
    transition(file, 'failed', 'part 1: storage answered 403');
    expect([file.status, file.error]).toEqual(['failed', 'part 1: storage answered 403']);
    expect(() => transition(file, 'completed')).toThrow(IllegalMoveError);
    expect(() => transition(file, 'completed')).toThrow(/file 1 \(a\.mov\) cannot go from failed to completed/);
    transition(file, 'queued');
    expect(file.error).toBeNull();
  });
});
