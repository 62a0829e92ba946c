// Human formatting for the terminal. Decimal units (GB = 10^9), as Finder and Frame.io show sizes (ui.md "Look").

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']; // "KB", as the window writes it (src/renderer/format.ts)

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export const formatSpeed = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

/** Rounded the way people read a countdown: seconds under a minute, then minutes, then hours and minutes. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const h = Math.floor(s / 3600);
  return `${h} h ${Math.round((s % 3600) / 60)} min`;
}

const clamp = (fraction: number) => Math.min(1, Math.max(0, fraction));

/** "██████▒▒▒▒░░░░": `fraction` stored (acknowledged), then `sending` on the wire, then the rest (decisions/0024). */
export function bar(fraction: number, width: number, sending = 0): string {
  const filled = Math.round(clamp(fraction) * width);
  const upTo = Math.max(filled, Math.round(clamp(fraction + sending) * width));
  return '█'.repeat(filled) + '▒'.repeat(upTo - filled) + '░'.repeat(width - upTo);
}

export function truncateMiddle(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const keep = width - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}…${text.slice(text.length - Math.floor(keep / 2))}`;
}

/** Text from elsewhere (a name on the server, an error message) made safe for a terminal: control characters and
 * direction overrides are shown as escapes instead of moving the cursor, retitling the window or reordering text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** When a token stops working, for a person: "2026-12-07 17:03:20 UTC (in 23 h 59 min)", or "(expired)". */
export function formatExpiry(expiresAt: number, now: number = Date.now()): string {
  const at = `${new Date(expiresAt).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return expiresAt <= now ? `${at} (expired)` : `${at} (in ${formatEta((expiresAt - now) / 1000)})`;
}
