// How the transfer path fails and recovers, against the sandbox: expired URLs (recreate), a signature bug (fatal,
// reported with the RequestId, placeholder removed) and a source file that changes mid-upload.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import type { CreateFileRequest } from '../../../src/core/frameio/types';
import { runUpload } from '../../support/engine';
import { scanPaths } from '../../../src/core/upload/scan';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
let sandbox: Sandbox;
let client: V2Client;
let work: string;
const noWait = async () => {};

beforeAll(async () => {
  sandbox = await startSandbox({ partSizeBytes: MiB });
  client = new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token });
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-failures-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(work, { recursive: true, force: true });
});

async function freshFolder(name: string) {
  return (await client.createFolder(sandbox.rootAssetId, `${name}-${Date.now()}`)).id;
}

describe('transfer failures', () => {
  it('recreates an asset whose URLs expired, leaving exactly one complete asset', async () => {
    const file = await makeFile(path.join(work, 'expiring.mov'), 2 * MiB + 5);
    const target = await freshFolder('expiry');
    const createdBefore = sandbox.stats().assetsCreated;
    // Every URL of the first asset has expired; the re-created asset's URLs are fresh.
    sandbox.setFaults({ seed: 5, expireUrls: 1 });
    try {
      let creations = 0;
      const report = await runUpload(await scanPaths([file]), {
        client,
        targetFolderId: target,
        sleep: noWait,
        onChange: (f) => {
          if (f.status === 'creating' && ++creations === 2) sandbox.setFaults({});
        },
      });
      expect(report.files.at(0)?.error ?? null).toBeNull();
      expect(report.completed).toBe(1);
      expect(sandbox.stats().faultsInjected.expireUrls ?? 0).toBeGreaterThan(0);
      expect(sandbox.stats().assetsCreated - createdBefore).toBe(2); // exactly one re-creation
      expect(report.files.at(0)?.retries).toBe(1);
    } finally {
      sandbox.setFaults({});
    }
    const children = await client.listChildren(target);
    expect(children).toHaveLength(1); // the expired placeholders were deleted
    expect(children[0]?.uploadComplete).toBe(true);
    expect(await sha256Url(children[0]?.originalUrl as string)).toBe(await sha256File(file));
  });

  it('stops at a signature mismatch, reports the S3 code and RequestId, and removes the placeholder', async () => {
    const file = await makeFile(path.join(work, 'tampered.mov'), 3000);
    const target = await freshFolder('signature');
    // A client whose URLs get corrupted on the way: the kind of bug SignatureDoesNotMatch means.
    const buggy = Object.create(client) as V2Client;
    buggy.createFile = async (parentId: string, request: CreateFileRequest) => {
      const created = await client.createFile(parentId, request);
      return { ...created, parts: created.parts.map((p) => ({ ...p, url: p.url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`) })) };
    };
    const attemptsBefore = sandbox.stats().partPutAttempts;
    const report = await runUpload(await scanPaths([file]), { client: buggy, targetFolderId: target, sleep: noWait });
    expect(report.failed).toBe(1);
    expect(report.files.at(0)?.error).toMatch(/403 SignatureDoesNotMatch: .*\(RequestId \S+\)/);
    expect(sandbox.stats().partPutAttempts - attemptsBefore).toBe(1); // not retried
    expect(await client.listChildren(target)).toEqual([]);
  });

  it('does not report a one-part file as done when it grew while its only part was being sent', async () => {
    const file = await makeFile(path.join(work, 'card-copy.mov'), 600_000); // one 1 MiB part
    const target = await freshFolder('grew');
    sandbox.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 400_000 });
    try {
      let touched = false;
      const report = await runUpload(await scanPaths([file]), {
        client,
        targetFolderId: target,
        onChange: (f) => {
          // Once bytes of its only part are on the wire (the part started, and read the old size), the copy goes on.
          if (!touched && f.status === 'uploading') {
            touched = true;
            void waitFor(() => f.progress.transferredBytes > 0, 'bytes on the wire').then(() => appendFile(file, 'still copying'));
          }
        },
      });
      expect(report.files.at(0)?.status).toBe('failed');
      expect(report.files.at(0)?.error).toMatch(/card-copy\.mov changed while uploading/);
    } finally {
      sandbox.setFaults({});
    }
    expect(await client.listChildren(target)).toEqual([]);
  });

  it('stops a file that changes while uploading, with a clear message, and finishes the others', async () => {
    const growing = await makeFile(path.join(work, 'growing.mov'), 8 * MiB);
    const steady = await makeFile(path.join(work, 'steady.mov'), 100_000);
    const target = await freshFolder('changed');
    // Slow part bodies give us time to change the file between its parts.
    sandbox.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 4 * MiB });
    try {
      let touched = false;
      const report = await runUpload(await scanPaths([growing, steady]), {
        client,
        targetFolderId: target,
        concurrency: 2,
        onChange: (f) => {
          if (!touched && f.name === 'growing.mov' && f.status === 'uploading') {
            touched = true;
            void appendFile(growing, 'more footage');
          }
        },
      });
      const byName = new Map([...report.files].map((f) => [f.name, f]));
      expect(byName.get('growing.mov')?.status).toBe('failed');
      expect(byName.get('growing.mov')?.error).toMatch(/growing\.mov changed while uploading/);
      expect(byName.get('steady.mov')?.status).toBe('completed');
    } finally {
      sandbox.setFaults({});
    }
    expect((await client.listChildren(target)).map((a) => a.name)).toEqual(['steady.mov']);
  });
});
