// The foundation's upload scenarios over V4 with the parts on a real S3 server (radosgw, from the global setup), split
// at random sizes by the server, with completion lagging the last part. Every V4 exchange goes through the proxy.
import { inject } from 'vitest';
import { uploadScenarios } from '../../support/upload-scenarios';

const s3 = inject('radosgw');
uploadScenarios(
  'radosgw, parts of random sizes, completion lagging 300 ms',
  {
    partSizeBytes: 8 * 1024 * 1024,
    partPlan: 'random',
    partPlanSeed: 7,
    completionLagMs: 300,
    s3: { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket: `ferry-v4-${Date.now()}` },
  },
  { storageFaults: false, api: 'v4' },
);
