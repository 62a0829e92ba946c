// `npm run ferry --sandbox ls` — without the `--` — hands `ls` to ferry but keeps --sandbox for npm, which records it
// as npm_config_sandbox in the script's environment (and `--to` as npm_config_token_description: npm expands it to
// one of its own options). Ferry would then run without the options meant for it; instead it names them and stops.

/** npm's environment key → the ferry option it came from (ferry's options that npm has no use for). */
const SWALLOWED: ReadonlyArray<readonly [string, string]> = [
  ['json', '--json'], ['sandbox', '--sandbox'], ['api', '--api'], ['token', '--token'], ['token_stdin', '--token-stdin'],
  ['token_fd', '--token-fd'], ['account', '--account'], ['tree', '--tree'], ['to', '--to'], ['token_description', '--to'],
  ['version_of', '--version-of'], ['on_conflict', '--on-conflict'], ['concurrency', '--concurrency'], ['report', '--report'],
  ['wait', '--no-wait'], ['faults', '--faults'], ['reset', '--reset'], ['limits', '--limits'], ['part_size', '--part-size'],
];

/** Ferry's options that npm took for itself, in the order above; empty unless run by `npm run ferry`. */
export function npmSwallowedFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.npm_lifecycle_event !== 'ferry') return [];
  const flags = SWALLOWED.filter(([key]) => env[`npm_config_${key}`] !== undefined).map(([, flag]) => flag);
  return [...new Set(flags)];
}

export const npmHint = (flags: readonly string[]): string =>
  `npm kept ${flags.join(', ')} for itself, so ferry did not get ${flags.length === 1 ? 'it' : 'them'}: add -- before ferry's options: ` +
  `\`npm run ferry -- ${flags.join(' ')} …\` (or run \`node bin/ferry.mjs\` directly).`;
