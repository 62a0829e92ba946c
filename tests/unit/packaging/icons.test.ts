// The committed app icons (generated from assets/icon.svg by scripts/build-icons.mjs) are well-formed containers
// of the sizes each platform asks for, and electron-builder.yml points every platform at them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('app icons', () => {
  it('assets/icons holds the Linux sizes, each PNG as large as its name says, and icon.png is 1024', () => {
    const files = readdirSync(path.join(root, 'assets/icons')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(files).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((n) => `${n}x${n}.png`));
    for (const file of files) {
      const [, width, height] = /^(\d+)x(\d+)\.png$/.exec(file)!.map(Number);
      expect(pngSize(read(`assets/icons/${file}`)), file).toEqual([width, height]);
    }
    expect(pngSize(read('assets/icon.png'))).toEqual([1024, 1024]);
  });

  it('icon.ico is an icon directory of seven PNG entries, 16 to 256 px (a 0 byte meaning 256)', () => {
    const ico = read('assets/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    const sizes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const entry = 6 + 16 * i;
      const width = ico.readUInt8(entry) || 256;
      const height = ico.readUInt8(entry + 1) || 256;
      expect(width).toBe(height);
      expect([ico.readUInt16LE(entry + 4), ico.readUInt16LE(entry + 6)], 'planes, bits per pixel').toEqual([1, 32]);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length)), `entry ${i}`).toEqual([width, height]);
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns declares its own length and holds the seven PNG types, each at its size', () => {
    const icns = read('assets/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length).toBeGreaterThan(8);
      expect(at + length).toBeLessThanOrEqual(icns.length);
      const [width, height] = pngSize(icns.subarray(at + 8, at + length));
      expect(width, type).toBe(height);
      found.push([type, width]);
      at += length;
    }
    expect(found).toEqual([['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]]);
  });

  it('electron-builder.yml points macOS, Windows and Linux at them', () => {
    const config = load(read('electron-builder.yml').toString('utf8')) as Record<string, { icon?: string }>;
    expect([config.mac?.icon, config.win?.icon, config.linux?.icon]).toEqual(['assets/icon.icns', 'assets/icon.ico', 'assets/icons']);
    for (const icon of ['assets/icon.icns', 'assets/icon.ico', 'assets/icons']) expect(existsSync(path.join(root, icon)), icon).toBe(true);
  });
});
