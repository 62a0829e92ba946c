// The foundation's upload scenarios over V4 on the sandbox's own storage, with server-chosen unequal parts (a first
// part about half the others: a client that applied the ceil rule would never complete) and completion that lags the
// last part. Every V4 exchange goes through the conformance proxy.
import { uploadScenarios } from '../../support/upload-scenarios';

uploadScenarios('the sandbox storage, parts short-first, completion lagging 300 ms', { partSizeBytes: 4 * 1024 * 1024, partPlan: 'short-first', completionLagMs: 300 }, {
  storageFaults: true,
  api: 'v4',
});
