// The remembered window: placed on a display that is really there, read without ever crashing, written atomically,
// saved debounced while moving and at once on close.
import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { centeredDefault, placeWindow, readWindowState, trackWindowState, writeWindowState } from '../../../src/main/window/window-state';

const laptop = { x: 0, y: 25, width: 1440, height: 875 }; // work area under the macOS menu bar
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(placeWindow(null, [laptop], laptop)).toEqual({ x: 80, y: 63, width: 1280, height: 800, maximized: false });
  });

  it('keeps a saved window that is on a display, on whichever display that is', () => {
    const saved = { x: 1600, y: 100, width: 1500, height: 1000, maximized: true };
    expect(placeWindow(saved, [laptop, external], laptop)).toEqual(saved);
  });

  it('moves a window that hangs partly off its display back inside it', () => {
    expect(placeWindow({ x: 500, y: 300, width: 1200, height: 800, maximized: false }, [laptop], laptop)).toEqual({ x: 240, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    expect(placeWindow({ x: 0, y: 25, width: 3000, height: 2000, maximized: false }, [laptop], laptop)).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
    const tiny = { x: 0, y: 0, width: 800, height: 500 };
    expect(placeWindow({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [tiny], tiny)).toMatchObject({ width: 900, height: 600, x: 0, y: 0 });
  });

  it('re-centres on the primary display a window left on a monitor that is gone (keeping "maximized")', () => {
    const onUnplugged = { x: 1600, y: 100, width: 1500, height: 1000, maximized: true };
    expect(placeWindow(onUnplugged, [laptop], laptop)).toEqual({ ...centeredDefault(laptop), maximized: true });
    // Mostly off every display (only a sliver visible) counts as lost too.
    expect(placeWindow({ x: 1300, y: 25, width: 1000, height: 700, maximized: false }, [laptop], laptop)).toEqual(centeredDefault(laptop));
  });
});

describe('reading and writing the state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-window-'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back what it wrote, replacing the file without leaving temp files', async () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    writeWindowState(file, { x: 1, y: 2, width: 1000, height: 700, maximized: false });
    writeWindowState(file, { x: 3, y: 4, width: 1100, height: 750, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 3, y: 4, width: 1100, height: 750, maximized: true });
    expect(await readdir(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('treats a missing, corrupt or out-of-range file as "nothing saved"', async () => {
    const file = path.join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    for (const text of ['{"x": 1, "y"', 'null', '[]', '{"x":0,"y":0,"width":-5,"height":600,"maximized":false}', '{"x":0,"y":0,"width":"wide","height":600,"maximized":false}', '{"x":0,"y":0,"width":1e300,"height":600,"maximized":false}']) {
      await writeFile(file, text);
      expect(readWindowState(file), text).toBeNull();
    }
  });

  it('saves the normal bounds once the window stops moving, and at once on close', async () => {
    vi.useFakeTimers();
    const file = path.join(dir, 'window-state.json');
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: false,
      getNormalBounds() {
        return this.bounds;
      },
      isMaximized() {
        return this.maximized;
      },
    });
    trackWindowState(window as never, file, 500);
    window.emit('move');
    window.bounds = { x: 40, y: 50, width: 1000, height: 700 };
    window.emit('move');
    vi.advanceTimersByTime(499);
    expect(readWindowState(file)).toBeNull(); // still moving: nothing written yet
    vi.advanceTimersByTime(1);
    expect(readWindowState(file)).toEqual({ x: 40, y: 50, width: 1000, height: 700, maximized: false });

    window.maximized = true;
    window.bounds = { x: 40.4, y: 50, width: 1200.6, height: 800 }; // scaled displays report fractions
    window.emit('maximize');
    window.emit('close');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 40, y: 50, width: 1201, height: 800, maximized: true });
    expect(vi.getTimerCount()).toBe(0); // the pending debounced write was folded into the close
  });
});
