// The e2e tests drive the built renderer: build it (production, as shipped) once before they start.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-renderer.mjs')], { stdio: 'inherit', cwd: path.resolve(import.meta.dirname, '../..') });
}
