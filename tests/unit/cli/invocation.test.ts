// Hints name a command that works where ferry was started from (issue 13 §7).
import { describe, expect, it } from 'vitest';
import { ferryCommand } from '../../../src/cli/invocation';

describe('ferryCommand', () => {
  it('names the checkout script as it can be typed from here', () => {
    expect(ferryCommand('/work/main/bin/ferry.mjs', {}, '/work/main')).toBe('node bin/ferry.mjs');
    expect(ferryCommand('/work/main/bin/ferry.mjs', {}, '/tmp')).toBe('node /work/main/bin/ferry.mjs');
  });
  it('says `npm run ferry --` under npm, and `ferry` when installed or linked', () => {
    expect(ferryCommand('/work/main/bin/ferry.mjs', { npm_lifecycle_event: 'ferry' }, '/work/main')).toBe('npm run ferry --');
    expect(ferryCommand('/usr/local/bin/ferry', {}, '/home/me')).toBe('ferry');
  });
});
