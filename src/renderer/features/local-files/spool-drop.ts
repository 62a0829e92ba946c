// A drop in the browser window whose files have no path on disk: each file is streamed to the host's spool (progress
// shown by the receiving strip), and the spool's granted paths go through the same pre-flight as any drop.
import type { LocalHostApi } from '../../../shared/local-host-api';
import { collectDropped, type takeDropped } from './collect-dropped';
import { showReceiving } from './local-files-store';

/** The drop's spool paths (granted by the host) and its id; null when nothing could be received (the strip says why). */
export async function spoolDrop(host: LocalHostApi, taken: ReturnType<typeof takeDropped>): Promise<{ dropId: string; paths: string[] } | null> {
  try {
    const items = await collectDropped(taken);
    if (items.length === 0) return null;
    const received = await host.spool(items, (progress) => showReceiving(progress));
    showReceiving(null);
    return received;
  } catch (error) {
    showReceiving({ files: 0, doneFiles: 0, bytes: 0, doneBytes: 0 }, error instanceof Error ? error.message : String(error));
    return null;
  }
}
