// Numbers as people read them: decimal units (GB = 10^9, as Finder and Frame.io show sizes), speeds without
// jitter, and ETAs rounded the way a person would say them.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  const digitsFor = (v: number, u: number) => (u === 0 || Number(v.toFixed(1)) >= 100 ? 0 : 1);
  // Round first, then move up a unit if rounding reached 1000 (999,999 B is "1.0 MB", not "1000 KB").
  while (unit < UNITS.length - 1 && Number((value).toFixed(digitsFor(value, unit))) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(digitsFor(value, unit))} ${UNITS[unit]}`;
}

export const formatSpeed = (bytesPerSecond: number): string => (bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '');

/** "about 4 min left": seconds under a minute round to 5 s, minutes to whole minutes, hours to h + min. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 55) return `${Math.ceil(seconds / 5) * 5} s left`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function formatPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDate(iso: string | null, now = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const minutes = Math.round((then - now) / 60_000);
  if (Math.abs(minutes) < 60) return RELATIVE.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return RELATIVE.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 7) return RELATIVE.format(days, 'day');
  return new Date(then).toLocaleDateString();
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
