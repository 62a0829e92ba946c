// A token refused at the very start, on a terminal (issue 13 §7): Ferry says which API refused it and asks for a new
// one (not shown while typed), as the README promises, then does what was asked.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox-fixture';
import { onTerminal } from './pty';

const fx = useSandbox({}, 'ferry-start-401-');

describe('a 401 at start on a terminal', () => {
  it('asks for a token, and goes on with the one pasted', async () => {
    const term = onTerminal(['--api', fx.sandbox.apiUrl, 'whoami'], { FRAMEIO_TOKEN: 'fio-u-not-this-one' });
    const at = (await term.waitFor(/Paste a new token to continue \(it is not shown\), or press Enter to stop: /, 'the token prompt')).index;
    expect(term.screen.slice(0, at)).toMatch(/rejected the token \(401/);
    term.type(fx.sandbox.token);
    expect(await term.done, term.screen).toBe(0);
    expect(term.screen.slice(at)).not.toContain(fx.sandbox.token);
    expect(term.screen).toMatch(/Demo User/);
  });

  it('Enter at the prompt stops with the advice and exit 1', async () => {
    const term = onTerminal(['--api', fx.sandbox.apiUrl, 'whoami'], { FRAMEIO_TOKEN: 'fio-u-not-this-one' });
    await term.waitFor(/Paste a new token/, 'the token prompt');
    term.type('');
    expect(await term.done).toBe(1);
    expect(term.screen).toMatch(/ferry: Frame.io rejected the token \(401/);
  });
});
