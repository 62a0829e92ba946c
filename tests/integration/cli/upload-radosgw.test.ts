// Foundation scenarios with the parts on a real S3 server (Ceph radosgw, started by the global setup): proves our
// PUTs are valid S3 requests, signatures and all.
import { inject } from 'vitest';
import { uploadScenarios } from '../../support/upload-scenarios';

const s3 = inject('radosgw');
uploadScenarios(
  'radosgw',
  { partSizeBytes: 8 * 1024 * 1024, s3: { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket: `ferry-${Date.now()}` } },
  { storageFaults: false },
);
