import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
type SourceData = string | ArrayBuffer | ArrayBufferView;

// The smithy signers take a hash *constructor*; this adapts node:crypto to that interface (what
// @smithy/hash-node does) so we need no transitive dependency. The signing itself stays in @smithy/signature-v4.
export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }

  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    throw new Error('NodeSha256 is single-use');
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
