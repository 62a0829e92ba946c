// V8 grows the heap by a large factor over what is live: a 100,000-file upload keeps ~20–30 MB live, yet the heap
// reached 90–128 MB. Growing it by half instead keeps `ferry upload` of 20,000 files at ~150 MB RSS, not ~200 (issue
// 14, docs/decisions/0025-heap-growth.md). It caps nothing: a larger live set still gets the heap it needs. Imported
// first by the CLI's entry, so it applies however the CLI starts (bin/ferry.mjs, the bundle, the sources).
import v8 from 'node:v8';

v8.setFlagsFromString('--heap-growing-percent=50');
