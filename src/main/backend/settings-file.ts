// Settings between launches: a small JSON file in the app's data folder, validated on the way in (a damaged or
// hand-edited file gives the defaults for what is wrong, never a crash) and written atomically.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../core/util/atomic-file';
import { settings as settingsSchema, type Settings } from '../../shared/ipc/schemas';

export function loadSettings(file: string): Partial<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const valid: Partial<Settings> = {};
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const parsed = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) (valid as Record<string, unknown>)[key] = parsed.data;
  }
  return valid;
}

export function saveSettings(file: string, value: Settings): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
