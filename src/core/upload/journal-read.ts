// Reading a batch's journal back a record at a time (issue 14 §5): the snapshot a line per file, then its log
// replayed an entry at a time. Read whole — its text, then the parsed tree, then the schema's copy, then the
// upgraded copy — a 100,000-file journal raised a resume's peak memory by 170 MB. Each record is checked by the
// schema as it comes; one that does not match makes the batch unreadable (reported, never half-used), as before.
// A snapshot written before the line-per-file layout is one line: it is read whole, as it always was.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type BatchRecord, batchFrom, batchHeader, fileRecord, type ParsedFile } from './journal-schema';

/** What ends a snapshot's first line: the files follow, one a line. */
export const FILES_OPENER = '"files":[';

type Header = Record<string, unknown>;

/** The batch in `snapshotFile` with the log `logFile` replayed over it; null when either says something the schema
 * does not accept. Throws when the snapshot cannot be read at all. */
export async function readBatchFiles(snapshotFile: string, logFile: string): Promise<BatchRecord | null> {
  const snapshot = await readSnapshot(snapshotFile);
  if (!snapshot) return null;
  const { files } = snapshot;
  let { header } = snapshot;
  const logId = header.logId;
  let index: Map<number, number> | null = null;
  if (typeof logId === 'string') {
    let first = true;
    for await (const line of completeLines(logFile, true)) {
      const entry = parseObject(line);
      if (first) {
        if (entry?.logId !== logId) break; // a log left over from an older snapshot: never replayed over newer state
        first = false;
        continue;
      }
      if (!entry) break; // a torn append: what came before stands
      if (entry.h && typeof entry.h === 'object') header = entry.h as Header;
      if (entry.f === undefined) continue;
      const file = fileRecord.safeParse(entry.f);
      if (!file.success) return null;
      // The last record of each file wins.
      index ??= new Map(files.map((f, i) => [f.id, i]));
      const at = index.get(file.data.id);
      if (at === undefined) index.set(file.data.id, files.push(file.data) - 1);
      else files[at] = file.data;
    }
  }
  const checked = batchHeader.safeParse(header);
  return checked.success ? batchFrom(checked.data, files) : null;
}

/** The snapshot's header and its checked files; null when something in it is not a journal record. */
async function readSnapshot(file: string): Promise<{ header: Header; files: ParsedFile[] } | null> {
  let header: Header | null = null;
  const files: ParsedFile[] = [];
  for await (const line of completeLines(file, false)) {
    if (!header) {
      if (!line.endsWith(FILES_OPENER)) return wholeSnapshot(line);
      header = parseObject(`${line.slice(0, -FILES_OPENER.length).replace(/,$/, '')}}`);
      if (!header) return null;
      continue;
    }
    if (line === ']}') return { header, files };
    const parsed = fileRecord.safeParse(parseJson(line.endsWith(',') ? line.slice(0, -1) : line));
    if (!parsed.success) return null;
    files.push(parsed.data);
  }
  return null; // no end: not a whole snapshot
}

/** A snapshot of one line (written before the line-per-file layout): the whole value at once. */
function wholeSnapshot(text: string): { header: Header; files: ParsedFile[] } | null {
  const value = parseObject(text);
  if (!value || !Array.isArray(value.files)) return null;
  const { files: raw, ...header } = value;
  const files: ParsedFile[] = [];
  for (const f of raw as unknown[]) {
    const parsed = fileRecord.safeParse(f);
    if (!parsed.success) return null;
    files.push(parsed.data);
  }
  return { header, files };
}

/** The file's lines, read a chunk at a time. A log (`log`) gives only lines ended by a newline: what follows the last
 * one is a line whose newline never reached the disk (a torn append), or nothing; and no log file is no lines. A
 * snapshot, replaced whole and atomically, gives its last line too. */
async function* completeLines(file: string, log: boolean): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      const text = rest + decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    if (log && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  rest += decoder.end();
  if (!log && rest) yield rest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Header | null {
  const value = parseJson(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Header) : null;
}
