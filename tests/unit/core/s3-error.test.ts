import { describe, expect, it } from 'vitest';
import { parseS3Error } from '../../../src/core/upload/s3-error';

describe('parseS3Error', () => {
  it('reads code, message and request id from S3 XML', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>x</HostId></Error>';
    expect(parseS3Error(xml)).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
      requestId: '4442587FB7D0A2F9',
    });
  });

  it('falls back to the x-amz-request-id header and tolerates non-XML bodies', () => {
    expect(parseS3Error('Bad Gateway', { 'x-amz-request-id': 'H1' })).toEqual({ code: null, message: null, requestId: 'H1' });
  });
});
