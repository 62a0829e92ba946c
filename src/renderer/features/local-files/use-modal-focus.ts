// A modal's keyboard contract: focus moves into it, Tab and Shift+Tab cycle inside it, and when it closes focus goes
// back to what had it before (the button that opened it).
import { type RefObject, useEffect } from 'react';

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]:not([tabindex="-1"])';

export function useModalFocus(root: RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const cycle = (event: KeyboardEvent) => {
      const box = root.current;
      if (event.key !== 'Tab' || !box) return;
      const stops = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (stops.length === 0) return;
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === -1 || at === stops.length - 1 ? 0 : at + 1;
      event.preventDefault();
      stops[next]?.focus();
    };
    document.addEventListener('keydown', cycle);
    return () => {
      document.removeEventListener('keydown', cycle);
      if (opener?.isConnected) opener.focus();
    };
  }, [root, open]);
}
