// Which Frame.io API the app signed in to last, so the next launch tries that API's saved token first (the keychain
// keeps one token per API and cannot list them). Without a record — a first launch, or an app from before V4 was the
// default — start-up tries V4 and then the legacy V2, so a V2 sign-in made by an older Ferry is not lost to the new
// default. A small JSON file beside the settings, written atomically; unreadable means no record, never a crash.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../core/util/atomic-file';
import { apiVersionOfUrl, FRAMEIO_V2_API_URL, FRAMEIO_V4_API_URL } from '../../shared/frameio-api';

export class LastApi {
  private value: string | null;

  /** `file`: where the record persists; none: it lasts for this run. */
  constructor(private readonly file?: string) {
    this.value = file ? read(file) : null;
  }

  /** The APIs to look for a saved token in at start-up, the last one signed in to first. */
  candidates(): string[] {
    return [...new Set([...(this.value ? [this.value] : []), FRAMEIO_V4_API_URL, FRAMEIO_V2_API_URL])];
  }

  /** A sign-in to `apiUrl` succeeded (a Frame.io account, not the sandbox). A record that cannot be written only
   * costs the next launch a look in the other API's keychain entry first. */
  remember(apiUrl: string): void {
    if (apiUrl === this.value) return;
    this.value = apiUrl;
    if (!this.file) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, `${JSON.stringify({ apiUrl })}\n`);
    } catch {
      // see above: the record is a hint
    }
  }
}

function read(file: string): string | null {
  try {
    const { apiUrl } = JSON.parse(readFileSync(file, 'utf8')) as { apiUrl?: unknown };
    return typeof apiUrl === 'string' && apiVersionOfUrl(apiUrl) !== null ? apiUrl : null;
  } catch {
    return null;
  }
}
