// Loads the built main bundle in plain Node, the way Electron would load it, to prove the bundled CommonJS
// dependencies (got's, the AWS SDK's) resolve their require() calls. Run by pack.test.ts:
//   node load-built-main.mjs <dist/main> <sandbox chunk> <scratch dir>
// `electron` resolves to a stub whose app refuses the single-instance lock, so startMain() quits right after the
// entry has been evaluated. The sandbox chunk (what "Try the sandbox" imports) then starts and takes one part
// upload, which its storage server checks with the bundled SigV4 presigner. Prints one JSON line.
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const electronStub = `
  export const app = { requestSingleInstanceLock: () => false, quit: () => globalThis.ferryQuit?.() };
  const unused = new Proxy({}, { get: (_, key) => { throw new Error('the stub electron has no ' + String(key)); } });
  export const BrowserWindow = unused, dialog = unused, ipcMain = unused, Notification = unused, powerSaveBlocker = unused,
    protocol = unused, session = unused, shell = unused, Menu = unused, net = unused, powerMonitor = unused, screen = unused;`;
const hooks = `
  export async function resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(electronStub)}`)}, shortCircuit: true };
    return next(specifier, context);
  }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const [mainDir, sandboxChunk, scratch] = process.argv.slice(2);
if (!mainDir || !sandboxChunk || !scratch) throw new Error('usage: load-built-main.mjs <dist/main> <sandbox chunk> <scratch dir>');

// startMain runs as the entry is evaluated: refused the lock, it quits. Wait for that call (10 s at most).
const quitCalled = new Promise((resolve) => (globalThis.ferryQuit = () => resolve(true)));
await import(pathToFileURL(path.join(mainDir, 'index.js')).href);
let deadline;
const quit = await Promise.race([quitCalled, new Promise((resolve) => (deadline = setTimeout(resolve, 10_000, false)))]);
clearTimeout(deadline);

const { startSandbox } = await import(pathToFileURL(sandboxChunk).href);
const sandbox = await startSandbox({ dataDir: scratch });
try {
  const auth = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  const body = Buffer.from('ferry');
  const created = await fetch(`${sandbox.apiUrl}/assets/${sandbox.rootAssetId}/children`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ type: 'file', name: 'smoke.bin', filetype: 'application/octet-stream', filesize: body.length }),
  });
  const asset = await created.json();
  const put = await fetch(asset.upload_urls[0], {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'x-amz-acl': 'private', 'content-length': String(body.length) },
    body,
  });
  console.log(JSON.stringify({ quit, created: created.status, put: put.status }));
} finally {
  await sandbox.close();
}
