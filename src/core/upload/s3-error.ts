// S3 answers errors as XML: <Error><Code/><Message/><RequestId/><HostId/></Error> (frameio-api.md "Errors").
// We only need four fields, so a tolerant regex read beats pulling in an XML parser.

export interface S3ErrorInfo {
  code: string | null;
  message: string | null;
  requestId: string | null;
}

function tag(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1]?.trim() ?? null;
}

export function parseS3Error(body: string, headers: Record<string, string | string[] | undefined> = {}): S3ErrorInfo {
  const headerId = headers['x-amz-request-id'];
  return {
    code: tag(body, 'Code'),
    message: tag(body, 'Message'),
    requestId: tag(body, 'RequestId') ?? (Array.isArray(headerId) ? (headerId[0] ?? null) : (headerId ?? null)),
  };
}
