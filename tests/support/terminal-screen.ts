// What a terminal shows once a program's output is played on it: enough of a terminal for the CLI's live progress
// (cursor up to a line's start, clear a line, carriage return, newline), to count what stays on screen.

/** What a terminal shows once `raw` is played on it: lines, with the cursor moves and line clears the view uses. */
export function rendered(raw: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  // eslint-disable-next-line no-control-regex -- a terminal's escapes are what this reads
  for (const [token] of raw.matchAll(/\x1b\[(\d*)([A-Za-z])|\r|\n|[^\x1b\r\n]/gu)) {
    // eslint-disable-next-line no-control-regex -- as above
    const csi = /^\x1b\[(\d*)([A-Za-z])$/.exec(token);
    if (csi) {
      const n = Number(csi[1] || 1);
      if (csi[2] === 'F') [row, col] = [Math.max(0, row - n), 0];
      if (csi[2] === 'K') lines[row] = '';
      continue;
    }
    if (token === '\r') col = 0;
    else if (token === '\n') [row, col] = [row + 1, 0];
    else {
      const line = (lines[row] ?? '').padEnd(col);
      lines[row] = line.slice(0, col) + token + line.slice(col + 1);
      col += 1;
    }
    while (lines.length <= row) lines.push('');
  }
  return lines.map((l) => l.trimEnd());
}
