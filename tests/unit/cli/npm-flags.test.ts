// `npm run ferry --sandbox ls` (no `--`): npm keeps --sandbox for itself and sets npm_config_sandbox; Ferry notices.
import { describe, expect, it } from 'vitest';
import { npmSwallowedFlags, npmHint } from '../../../src/cli/npm-flags';

const npmRun = { npm_lifecycle_event: 'ferry' };

describe('npmSwallowedFlags', () => {
  it("names ferry's options npm took (as ferry spells them)", () => {
    const env = { ...npmRun, npm_config_json: 'true', npm_config_sandbox: 'true', npm_config_token_description: 'abc', npm_config_wait: '', npm_config_cache: '/root/.npm' };
    expect(npmSwallowedFlags(env)).toEqual(['--json', '--sandbox', '--to', '--no-wait']);
  });

  it('is empty outside `npm run ferry`, and when nothing was swallowed', () => {
    expect(npmSwallowedFlags({ npm_config_json: 'true' })).toEqual([]);
    expect(npmSwallowedFlags({ ...npmRun, npm_config_cache: '/x' })).toEqual([]);
  });

  it('the hint says to add -- before ferry\'s options', () => {
    expect(npmHint(['--json', '--sandbox'])).toMatch(/add -- before ferry's options: `npm run ferry -- --json --sandbox …`/);
  });
});
