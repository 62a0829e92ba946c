// jsdom has no layout: what the renderer's tests need of a browser that jsdom leaves out. Elements get a size and a
// scroll position (so @tanstack/react-virtual has a viewport to fill and renders rows), ResizeObserver and
// CSS.escape exist, React knows it runs under act(), and each test starts from an empty document.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/** Every element is this big: a viewport of about 16 contents rows (36 px) or 11 queue rows (52 px). */
export const VIEWPORT = { width: 1000, height: 600 } as const;

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Sizes never change here, so an observer that never reports is faithful (the virtualiser reads the first size itself).
class FakeResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= FakeResizeObserver;

const sized = (name: string, value: number) =>
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
sized('clientWidth', VIEWPORT.width);
sized('clientHeight', VIEWPORT.height);
sized('offsetWidth', VIEWPORT.width);
sized('offsetHeight', VIEWPORT.height);
HTMLElement.prototype.getBoundingClientRect = function getBoundingClientRect() {
  const { width, height } = VIEWPORT;
  return { x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height, toJSON: () => ({}) } as DOMRect;
};

// Scrolling: jsdom keeps no scroll position; the virtualiser scrolls with scrollTo and reads scrollTop on 'scroll'.
const scrollTops = new WeakMap<Element, number>();
Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
  configurable: true,
  get(this: HTMLElement) {
    return scrollTops.get(this) ?? 0;
  },
  set(this: HTMLElement, top: number) {
    scrollTops.set(this, top);
  },
});
// How far an element can scroll: its tallest child's inline height (the virtualiser sizes its spacer that way).
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return Math.max(VIEWPORT.height, ...Array.from(this.children, (child) => parseFloat((child as HTMLElement).style?.height ?? '') || 0));
  },
});
HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number, y?: number) {
  const top = typeof options === 'number' ? y : options?.top;
  const to = Math.max(0, Math.min(top ?? this.scrollTop, this.scrollHeight - this.clientHeight));
  if (to === this.scrollTop) return; // a browser fires no scroll event when nothing moved…
  this.scrollTop = to;
  requestAnimationFrame(() => this.dispatchEvent(new Event('scroll'))); // …and fires it later, not inside scrollTo
} as HTMLElement['scrollTo'];

// CSS.escape as the CSSOM spec defines it, for the selectors components build from ids.
const cssEscape = (value: string): string =>
  Array.from(String(value), (char, index) => {
    const code = char.codePointAt(0)!;
    if (code === 0) return '\uFFFD';
    if ((code >= 0x1 && code <= 0x1f) || code === 0x7f || (/[0-9]/.test(char) && (index === 0 || (index === 1 && value[0] === '-')))) {
      return `\\${code.toString(16)} `;
    }
    if (index === 0 && char === '-' && value.length === 1) return `\\${char}`;
    return code >= 0x80 || /[-_0-9a-zA-Z]/.test(char) ? char : `\\${char}`;
  }).join('');
const css = ((globalThis as { CSS?: Partial<typeof CSS> }).CSS ??= {});
css.escape ??= cssEscape;

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});
