// `--report <file>` is written when the batch ends: a place it cannot go must be found before the first byte moves,
// not after an upload of hours (review finding 9). The check opens the file the way the report will be written
// (creating it if need be, and removing it again so nothing is left behind when the upload never runs).
import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error';

function why(file: string, code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return `no such folder ${path.dirname(path.resolve(file))}`;
    case 'EISDIR':
      return `${file} is a folder`;
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'a read-only file system';
    default:
      return code ?? 'unknown error';
  }
}

/** Throws a CliError (exit 2) naming the path and the reason when the report could not be written there. */
export async function checkReportPath(file: string | undefined): Promise<void> {
  if (file === undefined) return;
  const existed = await stat(file).then(() => true, () => false);
  try {
    const handle = await open(file, 'a');
    await handle.close();
    if (!existed) await unlink(file).catch(() => undefined);
  } catch (error) {
    throw new CliError(`--report ${file}: cannot write the report there (${why(file, (error as NodeJS.ErrnoException).code)}); nothing was uploaded.`, 2);
  }
}
