// A horizontal splitter above a panel: drag it, or focus it and use the arrows (a step each), Page Up/Down (four
// steps), Home and End. It is a WAI-ARIA window splitter: role separator with its value, so it is reachable and
// announced. Dragging up makes the panel below taller.
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';

export function ResizeHandle({ label, value, min, max, step, onChange }: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
}) {
  const drag = useRef<{ y: number; value: number } | null>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowUp: value + step, ArrowDown: value - step, PageUp: value + 4 * step, PageDown: value - 4 * step, Home: min, End: max };
    const next = keys[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(next);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { y: event.clientY, value };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) onChange(drag.current.value + drag.current.y - event.clientY);
  };
  const end = () => {
    drag.current = null;
  };
  return (
    <div role="separator" aria-orientation="horizontal" aria-label={label} aria-valuenow={value} aria-valuemin={min} aria-valuemax={max} tabIndex={0}
      title={`${label} (drag, or use the arrow keys)`} className="resize-handle" onKeyDown={onKeyDown} onPointerDown={onPointerDown} onPointerMove={onPointerMove}
      onPointerUp={end} onPointerCancel={end} />
  );
}
