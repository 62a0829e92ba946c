// The app's settings: the defaults, what the settings file kept from earlier runs (settings-file.ts validates it on
// the way in) and what the caller starts with, validated as a whole; a patch is validated and written before it
// takes effect, so what the window sees is what the next launch reads.
import { settings as settingsSchema, type Settings } from '../../shared/ipc/schemas';
import { checkImsSettings } from './adobe-config';
import { loadSettings, saveSettings } from './settings-file';

export const DEFAULT_SETTINGS: Settings = { theme: 'system', partsInFlight: 8, onConflict: 'skip', imsClientId: '', imsRedirectUri: '', imsUrl: '' };

export class SettingsStore {
  private value: Settings;

  /** `file`: where settings persist between launches (JSON); none: they last for this run. */
  constructor(
    private readonly file?: string,
    initial: Partial<Settings> = {},
  ) {
    this.value = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...(file ? loadSettings(file) : {}), ...initial });
  }

  get(): Settings {
    return this.value;
  }

  /** Applies a change (a file that cannot be written leaves the settings as they were, and says so by throwing). */
  patch(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.value, ...patch });
    checkImsSettings(next); // an Adobe sign-in set-up that could never work is refused, not kept
    if (this.file) saveSettings(this.file, next);
    this.value = next;
    return next;
  }
}
