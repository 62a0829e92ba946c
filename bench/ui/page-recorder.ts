// What runs inside the page: installed with page.addInitScript before the app's own scripts, so it sees every
// frame and every pushed event. Nothing here changes what the app does; it only watches.
//
//   - frames: the timestamps of consecutive requestAnimationFrame callbacks (the frame's begin time, so a frame
//     that missed its vsync shows up as a 33 ms delta);
//   - render steps: from our rAF callback to a message posted from it, i.e. the rest of the frame's main-thread
//     work (other rAF callbacks, style, layout, paint, commit);
//   - events: each EventSource message (a push from main) timed from its listener's start to a microtask queued
//     after it, i.e. JSON parse + the store update + React's synchronous render and commit;
//   - long tasks (≥ 50 ms) and long animation frames (≥ 50 ms, with the scripts that made them long);
//   - for the scrolling scenario, the driver: scrollTop set from elapsed time after each frame, top to bottom.
//
// The bench runs this file's function in the browser (Function.prototype.toString), so it must be self-contained.

export interface ScrollPlan {
  selector: string;
  pxPerMs: number;
  /** Stop after this many pixels (or at the bottom, whichever comes first). */
  distancePx: number;
}

export interface LongFrame {
  startMs: number;
  durationMs: number;
  blockingMs: number;
  renderMs: number;
  scripts: Array<{ invoker: string; source: string; durationMs: number }>;
}

export interface Recording {
  windowMs: number;
  frames: number[];
  renderSteps: number[];
  events: Array<{ type: string; bytes: number; ms: number }>;
  longTasks: number[];
  longFrames: LongFrame[];
  scrolledPx: number;
}

export interface BenchRecorder {
  start(plan?: { scroll?: ScrollPlan }): void;
  /** Resolves once the scroll driver reached the bottom (at once when there is none). */
  whenScrolled(): Promise<void>;
  stop(): Recording;
}

export function installRecorder(): void {
  const now = () => performance.now();
  interface Active {
    t0: number;
    last: number;
    rec: Recording;
    scroll?: { el: HTMLElement; pxPerMs: number; from: number; max: number; done: boolean; resolve: Array<() => void> };
  }
  let active: Active | null = null;
  const pendingRender: number[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const started = pendingRender.shift();
    if (!active || started === undefined) return;
    const t = now();
    active.rec.renderSteps.push(t - started);
    // Scroll after the frame, when layout is clean, as a wheel or the scrollbar does: the page then sees the scroll
    // event at the next frame and does its own work then. (Set from inside rAF, scrollTop would force the layout
    // of whatever the scroll handler changed, and count the driver's forced layouts as the page's.)
    const s = active.scroll;
    if (s && !s.done) {
      const target = Math.min(s.max, s.from + (t - active.t0) * s.pxPerMs);
      s.el.scrollTop = target;
      active.rec.scrolledPx = target - s.from;
      if (target >= s.max) {
        s.done = true;
        for (const r of s.resolve.splice(0)) r();
      }
    }
  };

  const onFrame = (t: number) => {
    const a = active;
    if (!a) return;
    requestAnimationFrame(onFrame);
    if (a.last > 0) a.rec.frames.push(t - a.last);
    a.last = t;
    pendingRender.push(now());
    channel.port2.postMessage(0);
  };

  const observe = (type: string, take: (e: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => {
        if (active) for (const e of list.getEntries()) if (e.startTime >= active.t0) take(e);
      }).observe({ type, buffered: false });
    } catch {
      // not supported by this browser: the field stays empty
    }
  };
  observe('longtask', (e) => active?.rec.longTasks.push(e.duration));
  observe('long-animation-frame', (e) => {
    const f = e as PerformanceEntry & { blockingDuration: number; renderStart: number; scripts: Array<{ invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }> };
    active?.rec.longFrames.push({
      startMs: f.startTime - active.t0,
      durationMs: f.duration,
      blockingMs: f.blockingDuration,
      renderMs: f.renderStart > 0 ? f.startTime + f.duration - f.renderStart : 0,
      scripts: f.scripts.map((x) => ({ invoker: x.invoker, source: `${x.sourceFunctionName || '(anonymous)'} ${x.sourceURL.replace(/^.*\//, '')}`, durationMs: x.duration })),
    });
  });

  // Pushes from main arrive as EventSource messages: time each listener plus the microtasks it queued (React
  // renders a store change in a microtask). The wrapper map keeps removeEventListener working.
  const wrappers = new WeakMap<object, EventListener>();
  const add = EventSource.prototype.addEventListener;
  const remove = EventSource.prototype.removeEventListener;
  EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
    if (typeof listener !== 'function') return add.call(this, type, listener, options);
    const wrapped: EventListener = (event) => {
      const t = now();
      const bytes = typeof (event as MessageEvent).data === 'string' ? ((event as MessageEvent).data as string).length : 0;
      try {
        listener.call(this, event);
      } finally {
        queueMicrotask(() => active?.rec.events.push({ type, bytes, ms: now() - t }));
      }
    };
    wrappers.set(listener, wrapped);
    return add.call(this, type, wrapped, options);
  } as typeof EventSource.prototype.addEventListener;
  EventSource.prototype.removeEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) {
    return remove.call(this, type, wrappers.get(listener) ?? listener, options);
  } as typeof EventSource.prototype.removeEventListener;

  const recorder: BenchRecorder = {
    start(plan) {
      const t0 = now();
      const rec: Recording = { windowMs: 0, frames: [], renderSteps: [], events: [], longTasks: [], longFrames: [], scrolledPx: 0 };
      active = { t0, last: 0, rec };
      if (plan?.scroll) {
        const el = document.querySelector<HTMLElement>(plan.scroll.selector);
        if (!el) throw new Error(`no element ${plan.scroll.selector}`);
        active.scroll = { el, pxPerMs: plan.scroll.pxPerMs, from: el.scrollTop, max: Math.min(el.scrollHeight - el.clientHeight, el.scrollTop + plan.scroll.distancePx), done: false, resolve: [] };
      }
      requestAnimationFrame(onFrame);
    },
    whenScrolled() {
      const s = active?.scroll;
      return !s || s.done ? Promise.resolve() : new Promise<void>((resolve) => s.resolve.push(resolve));
    },
    stop() {
      const a = active;
      if (!a) throw new Error('the recorder is not running');
      active = null;
      pendingRender.length = 0;
      a.rec.windowMs = now() - a.t0;
      return a.rec;
    },
  };
  (window as unknown as { __benchRecorder: BenchRecorder }).__benchRecorder = recorder;
}

/** The init script: tsx wraps named functions in `__name(...)` calls, which the page does not define. */
export const RECORDER_SCRIPT = `var __name = (f) => f;\n(${installRecorder.toString()})();`;
