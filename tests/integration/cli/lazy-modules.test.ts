// The built CLI loads only what a command needs (issue 14): an upload given a token never loads the AWS SDK (the
// sandbox's) nor the OS keychain's native module; `--sandbox` does, from the bundle's own chunks. The bundle is built
// for real (scripts/build-cli.mjs) and every module the process resolves is recorded by a loader hook.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox-fixture';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const fx = useSandbox({}, 'ferry-lazy-');
let out = '';

beforeAll(async () => {
  // Inside the checkout, so the bundle's package imports resolve from its node_modules (dist/ is not committed).
  out = await mkdtemp(path.join(ROOT, 'dist', 'lazy-modules-test-'));
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
  await writeFile(path.join(out, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const r = await next(specifier, context);\n  appendFileSync(process.env.FERRY_TEST_LOADED, `${r.url}\\n`);\n  return r;\n}\n");
  await writeFile(path.join(out, 'register.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
  await writeFile(path.join(out, 'run.mjs'), "const { main } = await import(new URL('./cli.mjs', import.meta.url).href);\nawait main([process.execPath, 'ferry', ...process.argv.slice(2)]);\n");
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** Runs the built bundle with these arguments; resolves with its exit code, stdout and every module URL it resolved. */
async function runBundle(args: string[], name: string): Promise<{ code: number | null; stdout: string; stderr: string; loaded: string[] }> {
  const loadedFile = path.join(fx.work, `${name}.loaded`);
  const env = { ...process.env, FRAMEIO_TOKEN: '', FRAMEIO_API: '', FERRY_STATE_DIR: path.join(fx.work, `${name}-state`), FERRY_KEYCHAIN_SERVICE: 'io.ferry.uploader.lazy-modules-test', FERRY_TEST_LOADED: loadedFile };
  const child = spawn(process.execPath, ['--import', path.join(out, 'register.mjs'), path.join(out, 'run.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  const loaded = (await readFile(loadedFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { code, stdout, stderr, loaded };
}

const AWS_SDK = /\/node_modules\/@(aws-sdk|smithy)\//;
const KEYCHAIN = /\/node_modules\/@napi-rs\/keyring/;

describe('the built CLI loads what a command needs, when it needs it', () => {
  it('uploads with a token without loading the AWS SDK or the keychain', async () => {
    const file = path.join(fx.work, 'clip.bin');
    await writeFile(file, Buffer.alloc(64 * 1024, 7));
    const to = await fx.freshFolder('lazy');
    const run = await runBundle(['--api', fx.sandbox.apiUrl, '--token', fx.sandbox.token, '--json', 'upload', file, '--to', to], 'upload');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ completed: 1, failed: 0 });
    expect(run.loaded.some((url) => url.includes('/node_modules/got/'))).toBe(true); // the hook sees packages
    expect(run.loaded.filter((url) => AWS_SDK.test(url) || KEYCHAIN.test(url))).toEqual([]);
  });

  it('loads the sandbox (with the AWS SDK) and the keychain from their chunks for --sandbox', async () => {
    const run = await runBundle(['--sandbox', '--json', 'ls'], 'sandbox');
    expect(run.code, run.stderr).toBe(0);
    expect(run.loaded.some((url) => /\/cli-chunks\/sandbox-[^/]+\.mjs$/.test(url))).toBe(true);
    expect(run.loaded.some((url) => AWS_SDK.test(url))).toBe(true);
    expect(run.loaded.some((url) => KEYCHAIN.test(url))).toBe(true);
  });
});
