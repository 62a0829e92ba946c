// `--json` promises a script one JSON value on stdout, whether the command worked or not: a failure (a usage error
// too) becomes {"ok": false, "error": {"message", "exit_code", …}} on stdout, while the person-readable line still
// goes to stderr.

/** Whether the command line asks for --json (before any `--`, which ends the options). */
export function wantsJson(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}

/** The JSON a failed --json command prints on stdout. */
export function jsonFailure(message: string, exitCode: number, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ ok: false, error: { message, exit_code: exitCode, ...details } });
}

/** Commander's own messages start "error: "; the JSON keeps the words only. */
export const usageMessage = (message: string): string => message.replace(/^error:\s*/i, '').trim();
