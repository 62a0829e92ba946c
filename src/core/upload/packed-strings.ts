// Strings of a known shape, packed into bytes: a finished file's asset id (a UUID: 16 bytes instead of a 36-character
// string) and its xxHash64 (8 bytes instead of 16 hex characters), one slot per file of a batch. A value of another
// shape (a test's id, an API that names assets otherwise) is kept as it is, aside. Issue 14 §5: these two strings were
// most of what a finished file still cost.

export class PackedStrings {
  private readonly bytes: Uint8Array;
  /** 0: null; 1: packed; 2: kept aside. */
  private readonly kinds: Uint8Array;
  private readonly aside = new Map<number, string>();

  constructor(
    count: number,
    private readonly shape: RegExp,
    private readonly width: number,
    private readonly unpack: (hex: string) => string,
  ) {
    this.bytes = new Uint8Array(count * width);
    this.kinds = new Uint8Array(count);
  }

  set(index: number, value: string | null): void {
    this.aside.delete(index);
    if (value === null) {
      this.kinds[index] = 0;
    } else if (this.shape.test(value)) {
      this.bytes.set(Buffer.from(value.replaceAll('-', ''), 'hex'), index * this.width);
      this.kinds[index] = 1;
    } else {
      this.aside.set(index, value);
      this.kinds[index] = 2;
    }
  }

  get(index: number): string | null {
    const kind = this.kinds[index];
    if (kind === 0) return null;
    if (kind === 2) return this.aside.get(index) ?? null;
    return this.unpack(Buffer.from(this.bytes.buffer, this.bytes.byteOffset + index * this.width, this.width).toString('hex'));
  }
}

const uuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** Lower-case UUIDs (Frame.io's asset ids), 16 bytes each. */
export const packedUuids = (count: number): PackedStrings => new PackedStrings(count, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 16, uuid);

/** Lower-case 16-digit hex (xxHash64), 8 bytes each. */
export const packedHashes = (count: number): PackedStrings => new PackedStrings(count, /^[0-9a-f]{16}$/, 8, (hex) => hex);
