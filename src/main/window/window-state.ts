// The window opens where it was left: {x, y, width, height, maximized} in userData/window-state.json. A monitor that
// was unplugged, a resolution that shrank or a hand-edited file must never put the window off-screen or crash the
// start: what is read is validated, then placed on a display that is really there (the pure part, tested alone).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { writeFileAtomicSync } from '../../core/util/atomic-file';

export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
/** Below this the upload queue and the folder browser no longer fit side by side. */
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
/** A window with less than this share of its area on any display is treated as lost and re-centred. */
const MIN_VISIBLE_SHARE = 0.5;
/** Resizing fires dozens of events a second: write once the hand stops (and always on close). */
export const SAVE_DEBOUNCE_MS = 500;

export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(1_000_000);
const savedState = z.object({ x: coordinate, y: coordinate, width: length, height: length, maximized: z.boolean() });

const overlap = (a: Rectangle, b: Rectangle): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Keeps [start, start + size) inside [areaStart, areaStart + areaSize), preferring the area's start if it cannot fit. */
const clampAxis = (start: number, size: number, areaStart: number, areaSize: number): number =>
  Math.max(areaStart, Math.min(start, areaStart + areaSize - size));

/** The default window: 1280×800 (smaller on a small screen, never below the minimum), centred on the primary display. */
export function centeredDefault(primary: Rectangle): WindowState {
  const width = Math.max(MIN_WIDTH, Math.min(DEFAULT_WIDTH, primary.width));
  const height = Math.max(MIN_HEIGHT, Math.min(DEFAULT_HEIGHT, primary.height));
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
    maximized: false,
  };
}

/** Where the window goes: the saved rectangle, moved and shrunk to fit the display it mostly sits on; or, when it
 * mostly sits on none (that monitor is gone), the default centred on the primary display. `workAreas` are the
 * displays' work areas (without the menu bar, dock and taskbar). */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  if (!saved) return centeredDefault(primary);
  const area = saved.width * saved.height;
  let best: Rectangle | null = null;
  let bestOverlap = 0;
  for (const workArea of workAreas) {
    const shared = overlap(saved, workArea);
    if (shared > bestOverlap) [best, bestOverlap] = [workArea, shared];
  }
  // A window larger than its display (the display shrank) counts as on it when it covers most of the display.
  if (!best || bestOverlap < Math.min(area, best.width * best.height) * MIN_VISIBLE_SHARE) return { ...centeredDefault(primary), maximized: saved.maximized };
  const width = Math.max(MIN_WIDTH, Math.min(saved.width, best.width));
  const height = Math.max(MIN_HEIGHT, Math.min(saved.height, best.height));
  return {
    x: clampAxis(saved.x, width, best.x, best.width),
    y: clampAxis(saved.y, height, best.y, best.height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** The saved state, or null when there is none or it is unreadable, malformed or out of range: never throws. */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = savedState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Replaces the file atomically (temp file, fsync, rename), so a crash mid-write leaves the old state, not half a file.
 * Synchronous on purpose: on close it must finish before the process may exit, and it is under 100 bytes. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, `${JSON.stringify(state)}\n`);
}

export type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized'>;

/** Saves the window's normal (un-maximized) bounds and maximized flag: debounced while it moves or resizes, at once
 * when it closes. A failed write is not worth bothering anyone about: the next start simply uses the defaults. */
export function trackWindowState(window: TrackedWindow, file: string, debounceMs = SAVE_DEBOUNCE_MS): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      const { x, y, width, height } = window.getNormalBounds(); // fractional on some scaled displays
      writeWindowState(file, { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized: window.isMaximized() });
    } catch {
      // read-only profile, full disk: the window still works; only its position is not remembered
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
}
