// Forgetting `--` after `npm run ferry` (issue 13 §7): npm takes --sandbox itself; ferry stops with a hint instead
// of running without it (say, against a real account).
import { describe, expect, it } from 'vitest';
import { runFerry } from '../../support/cli';

describe('npm run ferry without --', () => {
  it('stops with exit 2 and says to add -- before ferry\'s options', async () => {
    const result = await runFerry(['ls'], { npm_lifecycle_event: 'ferry', npm_config_sandbox: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/npm kept --sandbox for itself.*add -- before ferry's options/s);
    expect(result.stderr).not.toMatch(/No Frame.io token/);
  });
});
