// The CLI's live progress shows the one progress quantity (decisions/0024): bytes storage acknowledged, the number
// `ferry status` reads back from the journal after a Ctrl-C. Bytes on the wire are only the bar's lighter "▒" part,
// named on the total line. After Ctrl-C the block is drawn once and then left alone (issue 13 §7).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bar } from '../../../src/cli/format';
import { ProgressView, REDRAW_MS } from '../../../src/cli/progress-view';
import { type FileState, type FileStatus, newFileState } from '../../../src/core/upload/file-state';
import { rendered } from '../../support/terminal-screen';

const MB = 1_000_000;
// eslint-disable-next-line no-control-regex -- the escapes are what is stripped
const plain = (text: string) => text.replace(/\x1b\[\d*[A-Za-z]/g, '');

function terminal() {
  const writes: string[] = [];
  const out = { columns: 160, write: (s: string) => void writes.push(s) } as unknown as NodeJS.WriteStream;
  return { out, writes, text: () => plain(writes.join('')) };
}

function clip(id: number, size: number, status: FileStatus = 'uploading'): FileState {
  const file = newFileState(id, 'b', { path: `/cards/A00${id}.mov`, remoteDir: '', name: `A00${id}.mov`, size, mtimeMs: 1 }, { onConflict: 'skip' });
  Object.assign(file, { status });
  return file;
}

/** Parts of 16 MB: `stored` acknowledged, then `sending` more on the wire (bytes each). */
function progress(file: FileState, stored: number, sending: number[] = []) {
  for (let i = 0; i < stored; i++) file.progress.acknowledge(i, 16 * MB);
  sending.forEach((bytes, i) => file.progress.sending(stored + i, bytes));
}

function viewOf(files: FileState[]) {
  const term = terminal();
  const view = new ProgressView(() => files, term.out, true);
  view.added(files);
  return { view, ...term };
}

describe('bar', () => {
  it('fills what is stored, shades what is sending, and leaves the rest light', () => {
    expect(bar(0.3, 20, 0.2)).toBe('██████▒▒▒▒░░░░░░░░░░');
    expect(bar(0.3, 20)).toBe('██████░░░░░░░░░░░░░░');
    expect(bar(0.9, 10, 0.5)).toBe('█████████▒'); // never past the end
  });
});

describe('ProgressView: one progress truth', () => {
  it('the reported case: 132 MB on the wire, nothing stored — the row and the total say 0 B, the bar shows it sending', () => {
    const file = clip(1, 315 * MB);
    progress(file, 0, Array(8).fill(16.5 * MB));
    const { view, text } = viewOf([file]);
    view.stop();
    const [row, total] = text().trim().split('\n');
    expect(row).toMatch(/^A001\.mov ▒{8}░{12}\s+0 % {2}0 B\/315 MB/);
    expect(total).toBe('Total: 0/1 files · 0 B of 315 MB uploaded · ▒ 132 MB sending · 0 B/s · -- left');
  });

  it('counts what storage acknowledged, and a part sent again does not lower it', () => {
    const file = clip(1, 315 * MB);
    progress(file, 7, [10 * MB]);
    const first = viewOf([file]);
    first.view.stop();
    expect(first.text()).toContain(' 35 %  112 MB/315 MB');
    expect(first.text()).toContain('Total: 0/1 files · 112 MB of 315 MB uploaded · ▒ 10.0 MB sending');
    file.progress.dropInFlight(7); // the PUT failed: sent again from its first byte
    file.progress.sending(7, 1 * MB);
    const again = viewOf([file]);
    again.view.stop();
    expect(again.text()).toContain(' 35 %  112 MB/315 MB');
    expect(again.text()).toContain('112 MB of 315 MB uploaded · ▒ 1.0 MB sending');
  });

  it('a paused file shows what was stored, not 0 B', () => {
    const file = clip(1, 315 * MB, 'paused');
    progress(file, 7);
    const { view, text } = viewOf([file]);
    view.stop();
    expect(text()).toContain('A001.mov  ⏸ paused  35 %  112 MB/315 MB');
    expect(text()).toContain('Total: 0/1 files · 112 MB of 315 MB uploaded');
  });

  it('after Ctrl-C the block is drawn once, in place, then left alone; the closing line says what is kept', () => {
    const file = clip(1, 315 * MB);
    progress(file, 7, [16 * MB]);
    const { view, writes, text } = viewOf([file]);
    view.start();
    view.interrupt();
    const frames = writes.length;
    expect(frames).toBe(1);
    Object.assign(file, { status: 'paused' });
    file.progress.dropInFlight(7);
    view.stop();
    expect(writes.length).toBe(frames + 1); // no second frame: one closing line
    expect(text().match(/Total:/g)).toHaveLength(1);
    expect(writes.at(-1)).toBe('Stopped: 112 MB of 315 MB uploaded (35 %), kept for resume; 203 MB left.\n');
  });
});

describe('ProgressView: a message while the block is on screen', () => {
  afterEach(() => void vi.useRealTimers());

  it('goes above the block, once, and the block is redrawn under it — not printed twice', () => {
    vi.useFakeTimers();
    const file = clip(1, 315 * MB);
    progress(file, 2, [1 * MB]);
    const { view, writes } = viewOf([file]);
    view.start();
    vi.advanceTimersByTime(REDRAW_MS);
    view.note('Network lost — waiting to reconnect…');
    vi.advanceTimersByTime(REDRAW_MS);
    view.stop();
    const screen = rendered(writes.join('')).filter(Boolean);
    expect(screen).toHaveLength(3);
    expect(screen[0]).toBe('Network lost — waiting to reconnect…');
    expect(screen[1]).toMatch(/^A001\.mov /);
    expect(screen[2]).toMatch(/^Total: /);
  });
});

describe('ProgressView: nothing kept per file of a big batch (issue 14)', () => {
  it('counts a batch read one file at a time (each made for the look and let go), not from an array of every file', () => {
    const term = terminal();
    const view = new ProgressView(() => [], term.out, false);
    let made = 0;
    function* batch(): Generator<FileState> {
      for (let id = 0; id < 5000; id++, made++) yield clip(id, 1000, id < 10 ? 'completed' : 'queued');
    }
    view.added(batch());
    view.stop();
    expect(made).toBe(5000);
    expect(view['totals']).toEqual({ files: 5000, bytes: 5_000_000 });
    expect(view['ended'].summary()).toMatchObject({ done: 10, skipped: 10 });
  });

  it('lets go of a shown file\'s speed meter once the file ended', () => {
    vi.useFakeTimers();
    const files = Array.from({ length: 40 }, (_, id) => clip(id, 32 * MB));
    const shown: FileState[] = [];
    const { view } = viewOf(shown);
    view.start();
    for (const file of files) {
      shown.splice(0, shown.length, file);
      vi.advanceTimersByTime(REDRAW_MS);
      Object.assign(file, { status: 'completed' });
      view.changed(file);
    }
    view.stop();
    expect(view['fileSpeeds'].size).toBe(0);
  });
});
