// Foundation scenarios on the sandbox's own S3-style storage (signatures and expiry verified by the sandbox).
import { uploadScenarios } from '../../support/upload-scenarios';

// 4 MiB target parts: a 200 MiB file becomes ~50 parts, exercising the parallel path and the ceil rule.
uploadScenarios('the sandbox storage', { partSizeBytes: 4 * 1024 * 1024 }, {
  storageFaults: true,
});
