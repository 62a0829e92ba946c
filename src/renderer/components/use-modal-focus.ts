// A modal's keyboard contract: focus moves into it, Tab and Shift+Tab cycle inside it, Escape closes it (when the
// modal says how), and when it closes focus goes back to what had it before (the button that opened it). Used by
// every modal of the window (the pre-flight sheet, the in-page file chooser).
import { type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]:not([tabindex="-1"])';

export function useModalFocus(root: RefObject<HTMLElement | null>, open: boolean, onEscape?: () => void): void {
  const escape = useRef(onEscape);
  escape.current = onEscape;
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && escape.current) return escape.current();
      const box = root.current;
      if (event.key !== 'Tab' || !box) return;
      const stops = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (stops.length === 0) return;
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === -1 || at === stops.length - 1 ? 0 : at + 1;
      event.preventDefault();
      stops[next]?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [root, open]);
}
