// What the `ferry login` tests drive: the real CLI in a child process whose stdin is a pipe (not a terminal), the
// sandbox's authorize page answered like a browser without JavaScript, and a recording proxy in front of the sign-in
// server that keeps every secret that crossed it (code, PKCE verifier, access, refresh and id tokens), so a test can
// look for them in everything Ferry printed or wrote.
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type CliResult, spawnFerry } from '../../support/cli';
import { answer } from '../../support/sign-in-page';
import { waitFor } from '../../support/wait';

export interface RunningFerry {
  /** Everything printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** One line on its stdin (what a person pastes). */
  paste(line: string): void;
  /** The sign-in address it printed. */
  authorizeUrl(): Promise<string>;
  done: Promise<CliResult>;
}

export function startFerry(args: string[], env: Record<string, string>, timeoutMs = 120_000): RunningFerry {
  const run = spawnFerry(args, { FERRY_NO_BROWSER: '1', ...env }, timeoutMs);
  const urlIn = (text: string) => /https?:\/\/\S+\/ims\/authorize\/v2\?\S+/.exec(text)?.[0] ?? null;
  return {
    get stdout() {
      return run.stdout;
    },
    get stderr() {
      return run.stderr;
    },
    paste: (line) => run.child.stdin.end(`${line}\n`),
    async authorizeUrl() {
      await waitFor(() => urlIn(run.stderr) !== null || run.child.exitCode !== null, 'the sign-in address on stderr', 60_000);
      const url = urlIn(run.stderr);
      if (!url) throw new Error(`ferry printed no sign-in address (exit ${run.child.exitCode}): ${run.stderr}`);
      return url;
    },
    done: run.done,
  };
}

/** `ferry login` with the browser's answer on the sandbox's page pasted back, changed by `edit` first. */
export async function loginWith(args: string[], env: Record<string, string>, button: 'Allow' | 'Deny', edit: (redirect: string) => string = (r) => r): Promise<CliResult & { redirect: string }> {
  const run = startFerry([...args, 'login'], env);
  const page = await answer(await run.authorizeUrl(), button);
  const redirect = page.headers.get('location') ?? '';
  run.paste(edit(redirect));
  return { ...(await run.done), redirect };
}

export interface RecordingProxy {
  url: string;
  /** Every secret seen in a sign-in request or answer. */
  secrets: Set<string>;
  close(): Promise<void>;
}

const SECRET_FIELDS = ['code', 'code_verifier', 'refresh_token', 'access_token', 'id_token', 'token'];

/** A proxy to `target` (the sandbox's origin) on 127.0.0.1 that records the secrets in form bodies and JSON answers. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const secrets = new Set<string>();
  const keep = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 8) secrets.add(value);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString());
      for (const field of SECRET_FIELDS) keep(form.get(field));
      const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answerRes) => {
        const parts: Buffer[] = [];
        answerRes.on('data', (c: Buffer) => parts.push(c));
        answerRes.on('end', () => {
          const text = Buffer.concat(parts);
          try {
            const json = JSON.parse(text.toString()) as Record<string, unknown>;
            for (const field of SECRET_FIELDS) keep(json[field]);
          } catch {
            // a page, not a token answer
          }
          const location = answerRes.headers.location;
          if (location) keep(new URL(location, target).searchParams.get('code'));
          res.writeHead(answerRes.statusCode ?? 502, answerRes.headers);
          res.end(text);
        });
      });
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secrets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every file under `dir` holding one of `secrets`, with the secret's first characters. */
export async function filesHolding(dir: string, secrets: Iterable<string>): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, 'latin1');
    for (const secret of secrets) if (text.includes(secret)) hits.push(`${file}: ${secret.slice(0, 6)}…`);
  }
  return hits;
}
