// Prints vitest's JSON results as the plain closing line CI reads: `N passed, N failed` (+ `, N skipped`).
// Skipped or todo tests are never counted as passed.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log('0 passed, 1 failed');
  console.error(`test-summary: no vitest results in ${file}: ${error.message}`);
  process.exit(1);
}
const passed = results.numPassedTests ?? 0;
// A file can fail with none of its tests marked failed: it did not load, or a beforeAll/afterAll hook threw (its
// tests then show as skipped). Count each such file as a failure, so a broken setup never passes as "skipped".
const brokenFiles = (results.testResults ?? []).filter(
  (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'),
).length;
const failed = (results.numFailedTests ?? 0) + brokenFiles;
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
