// Found by the chaos run: `ferry cancel` after a kill -9 left placeholders behind. A process killed between creating
// an asset and journaling its id leaves an incomplete asset the journal does not name; `resume` removes it by name and
// size, but cancel only deleted the ids it had, so the next upload of the same folder sat beside an orphan forever.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordOf } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';
import { runFerry } from '../../support/cli';
import { makeFile } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';

const fx = useSandbox({ partSizeBytes: 64 * 1024 }, 'ferry-cancel-orphans-');

describe('ferry cancel of a batch killed mid-create', () => {
  it('removes the placeholders the journal named and the ones it never heard of', async () => {
    const target = await fx.freshFolder('cancel');
    const folder = await fx.client.createFolder(target, 'day 1');
    const named = await makeFile(path.join(fx.work, 'day 1', 'named.mov'), 300_000);
    const unnamed = await makeFile(path.join(fx.work, 'day 1', 'unnamed.mov'), 200_000);
    const kept = await fx.client.createFile(folder.id, { name: 'named.mov', size: 300_000, mediaType: 'video/quicktime' });
    const orphan = await fx.client.createFile(folder.id, { name: 'unnamed.mov', size: 200_000, mediaType: 'video/quicktime' });
    const other = await fx.client.createFile(folder.id, { name: 'unnamed.mov', size: 199_999, mediaType: 'video/quicktime' }); // not this file
    const file = (id: number, local: string, size: number, assetId: string | null) => ({
      ...recordOf({ id, batchId: 'b', path: local, remoteDir: 'day 1', name: path.basename(local), remoteName: path.basename(local), size, mtimeMs: 1, status: 'queued', versionOf: null, onConflict: 'skip', conflictResolved: false, assetId: null, contentType: null, parts: null, urlsExpireAt: null, partsDone: new Set(), retries: 0, xxHash: null, error: null } as never),
      status: assetId ? ('uploading' as const) : ('creating' as const),
      assetId,
    });
    const record = { ...batchRecord('2026-12-07T00-00-00-000Z-cafe0001', [file(0, named, 300_000, kept.asset.id), file(1, unnamed, 200_000, null)]), apiUrl: fx.sandbox.apiUrl, targetFolderId: target, folders: { 'day 1': folder.id } };
    const stateDir = path.join(fx.work, 'state');
    await mkdir(path.join(stateDir, 'journal'), { recursive: true, mode: 0o700 });
    await writeFile(path.join(stateDir, 'journal', `${record.id}.json`), JSON.stringify(record), { mode: 0o600 });

    const canceled = await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'cancel', record.id], { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: stateDir });
    expect(canceled.code, canceled.stderr).toBe(0);
    const left = (await fx.client.listChildren(folder.id)).map((a) => a.id);
    expect(left).not.toContain(kept.asset.id);
    expect(left).not.toContain(orphan.asset.id);
    expect(left).toEqual([other.asset.id]); // another size: another file's, left alone
    expect(JSON.parse(canceled.stdout.trim()).removed_assets.sort()).toEqual([kept.asset.id, orphan.asset.id].sort());
  });
});
