// The words for the one progress quantity (decisions/0024): what Frame.io's storage confirmed, and what is on the
// wire beyond it (the bar's lighter "sending" part), said the same way by the header and every row.
import { formatBytes } from '../../format';

/** Bytes on the wire beyond the acknowledged (0 unless uploading: a paused row has nothing in flight). */
export const sendingOf = (acknowledged: number, sent: number, size: number, uploading: boolean): number =>
  uploading ? Math.max(0, Math.min(size, sent) - acknowledged) : 0;

/** "113 MB of 315 MB uploaded (confirmed by Frame.io) · 42 MB sending": the bar's tooltip, its legend. */
export function progressLegend(acknowledged: number, size: number, sending: number): string {
  const stored = `${formatBytes(acknowledged)} of ${formatBytes(size)} uploaded (confirmed by Frame.io)`;
  return sending > 0 ? `${stored} · ${formatBytes(sending)} sending` : stored;
}

/** ", 42 MB sending" for a spoken value, or nothing. */
export const sendingWords = (sending: number): string => (sending > 0 ? `, ${formatBytes(sending)} sending` : '');
