import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The S3 error document: <Error><Code/><Message/><RequestId/><HostId/></Error>, plus the fields some codes carry
 * (EntityTooLarge: ProposedSize and MaxSizeAllowed).
 */
export function s3ErrorXml(code: string, message: string, resource?: string, fields: Record<string, string> = {}): string {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(24).toString('base64');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    (resource ? `<Resource>${escapeXml(resource)}</Resource>` : '') +
    Object.entries(fields).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('') +
    `<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`
  );
}

export function sendS3Error(res: ServerResponse, status: number, code: string, message: string, resource?: string, fields?: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const body = s3ErrorXml(code, message, resource, fields);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
