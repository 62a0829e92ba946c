// One progress truth on the CLI (decisions/0024), on a real terminal: `ferry upload` of a 315 MB file is stopped with
// Ctrl-C after about a third; the progress block stays on screen once (issue 13 §7: it used to be printed again over
// the interrupt message), the message follows once, and `ferry status` then reports what the journal holds as
// acknowledged — the very number the run printed last. Reported: Ctrl-C at 36 % left "315 MB of 315 MB left".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/cli/format';
import { Journal } from '../../../src/core/upload/journal';
import { runFerry } from '../../support/cli';
import { makeFile } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { rendered } from '../../support/terminal-screen';
import { onTerminal } from './pty';

const MB = 1_000_000;
const MiB = 1024 * 1024;
const fx = useSandbox({}, 'ferry-progress-truth-'); // 16 MiB parts: 315 MB is 19 of them

const successfulPuts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, parts) => n + Object.values(parts).filter((c) => c > 0).length, 0);

describe('Ctrl-C on a terminal, then ferry status', () => {
  it('shows the block once and the message once; status reports the journal\'s acknowledged bytes, as the run printed last', async () => {
    const clip = await makeFile(path.join(fx.work, 'footage', 'A001.mov'), 315 * MB);
    const target = await fx.freshFolder('progress-truth');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: path.join(fx.work, 'state') };
    const putsBefore = successfulPuts();
    fx.sandbox.setFaults({ seed: 13, putSlow: 1, slowBytesPerSec: 6 * MiB }); // ~3 s a part: time to stop it at a third
    const term = onTerminal(['--api', fx.sandbox.apiUrl, 'upload', clip, '--to', target, '--concurrency', '3'], env);
    try {
      await term.waitFor(/Total: 0\/1 files · [\d.]+ [KM]?B of 315 MB uploaded/, 'the progress block');
      // Stopped at about a third, by the run's own count (storage may have a part or two more whose answer is on its way).
      await term.waitFor(/Total: 0\/1 files · (9\d\.\d|1\d\d) MB of 315 MB uploaded/, 'about a third uploaded', 0, 120_000);
      term.press('\x03');
      expect(await term.done, term.screen).toBe(130);
    } finally {
      fx.sandbox.setFaults({});
    }
    const screen = rendered(term.screen);
    const at = (pattern: RegExp) => screen.flatMap((line, i) => (pattern.test(line) ? [i] : []));
    // The block (a row for the file, then the total) stands once, and the message follows it once.
    expect(at(/^Total: /), screen.join('\n')).toHaveLength(1);
    expect(at(/^A001\.mov /), screen.join('\n')).toHaveLength(1);
    expect(at(/Interrupted: stopping/), screen.join('\n')).toHaveLength(1);
    expect(at(/Interrupted: stopping/)[0]).toBe((at(/^Total: /)[0] as number) + 1);

    // What the journal holds as acknowledged: parts whose PUT succeeded.
    const { batches } = await new Journal(path.join(env.FERRY_STATE_DIR, 'journal')).list();
    const file = batches[0]?.files[0];
    const acknowledged = file ? file.partsDone.reduce((n, i) => n + (file.parts?.[i]?.size ?? 0), 0) : -1;
    expect(acknowledged).toBeGreaterThanOrEqual(90 * MB);
    expect(successfulPuts() - putsBefore).toBeGreaterThanOrEqual(file?.partsDone.length ?? Infinity);
    const percent = Math.floor((acknowledged / (315 * MB)) * 100);
    expect(percent).toBeLessThan(90);

    // The run's last word on progress says the same.
    const stopped = screen.filter((l) => l.startsWith('Stopped: ')).at(-1);
    expect(stopped).toBe(`Stopped: ${formatBytes(acknowledged)} of 315 MB uploaded (${percent} %), kept for resume; ${formatBytes(315 * MB - acknowledged)} left.`);

    const json = await runFerry(['--api', fx.sandbox.apiUrl, '--json', 'status'], env);
    expect(JSON.parse(json.stdout).batches[0]).toMatchObject({ bytes_uploaded: acknowledged, bytes_left: 315 * MB - acknowledged, bytes_total: 315 * MB });
    const human = await runFerry(['--api', fx.sandbox.apiUrl, 'status'], env);
    expect(human.stdout).toContain(`1 of 1 file(s) unfinished, ${formatBytes(acknowledged)} of 315 MB uploaded (${percent} %), ${formatBytes(315 * MB - acknowledged)} left`);
  });
});
