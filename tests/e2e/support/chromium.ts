// Real Chromium (Debian's), driven by playwright-core. The browser is stopped by pid as well, so a failed test
// cannot leave it running.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launchChromium(): Promise<{ browser: Browser; stop: () => Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const pid = (browser as unknown as { process?: () => { pid?: number } | null }).process?.()?.pid;
  return {
    browser,
    stop: async () => {
      await browser.close().catch(() => undefined);
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone: the normal case
        }
      }
    },
  };
}
