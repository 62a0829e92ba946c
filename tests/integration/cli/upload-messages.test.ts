// What an upload says on a terminal (issue 13 §7): the skip message names only what was skipped; a run whose files
// were all already there says so, not "Uploading 2 file(s)" and "average 0 B/s".
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox-fixture';
import { onTerminal } from './pty';

const fx = useSandbox({}, 'ferry-messages-');

async function upload(dir: string, to: string): Promise<string> {
  const term = onTerminal(['--api', fx.sandbox.apiUrl, 'upload', dir, '--to', to], { FRAMEIO_TOKEN: fx.sandbox.token });
  const code = await term.done;
  expect(code, term.screen).toBe(0);
  return term.screen;
}

describe('upload messages on a terminal', () => {
  it('names only the system files skipped, and a run that skipped everything says so', async () => {
    const dir = path.join(fx.work, 'Shoot');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.txt'), 'aaaa');
    await writeFile(path.join(dir, 'b.txt'), 'bbbbbb');
    await writeFile(path.join(dir, '.DS_Store'), 'junk');
    const to = await fx.freshFolder('messages');

    const first = await upload(dir, to);
    expect(first).toMatch(/Skipping 1 system file: \.DS_Store/);
    expect(first).not.toMatch(/Thumbs\.db/);
    expect(first).toMatch(/2 uploaded/);

    const again = await upload(dir, to);
    expect(again).not.toMatch(/Uploading 2 file/);
    expect(again).not.toMatch(/average/); // nothing was sent: no speed to average
    expect(again).toMatch(/Total: 2\/2 files · 2 already there, nothing sent/);
    expect(again).not.toMatch(/0 uploaded \(0 B\)/);
    expect(again).toMatch(/Nothing to upload: 2 already there, skipped\./);
  });
});
