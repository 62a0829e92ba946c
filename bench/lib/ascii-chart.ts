// A small ASCII chart of y against x (points in order), for notes that must read in a terminal and a diff alike.

const WIDTH = 50;

/** One line per point: x, a bar proportional to y, and y. */
export function asciiChart(title: string, points: ReadonlyArray<readonly [number, number]>): string {
  const max = Math.max(...points.map(([, y]) => y), 1e-9);
  const xw = Math.max(...points.map(([x]) => String(x).length));
  const lines = points.map(([x, y]) => `${String(x).padStart(xw)} | ${'#'.repeat(Math.max(1, Math.round((y / max) * WIDTH))).padEnd(WIDTH)} ${y.toFixed(1)}`);
  return [title, ...lines].join('\n');
}
