// Rasterizes assets/icon.svg into the platform icons electron-builder packs. Run after changing the SVG and commit
// the output: the PNG, ICO and ICNS files are build inputs, so packing never needs a browser.
//   node scripts/build-icons.mjs          (CHROMIUM_PATH overrides /usr/bin/chromium)
// Each size is drawn from the vector by Chromium (through playwright-core) at exactly that many pixels, on a
// transparent background, rather than scaled down from a large bitmap.
// - macOS (assets/icon.icns): the whole 1024 canvas, whose tile follows Apple's grid (a transparent margin).
// - Windows (assets/icon.ico), Linux (assets/icons/NxN.png) and assets/icon.png: cropped to the tile, so a 16 px
//   taskbar icon spends all 16 pixels on the picture.
// The ICO and ICNS containers are written here: every entry is a PNG.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** The rounded tile inside the 1024 canvas (see the comment in icon.svg). */
const TILE_VIEWBOX = '100 100 824 824';
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];

const svg = await readFile('assets/icon.svg', 'utf8');
const tileSvg = svg.replace(/viewBox="[^"]*"/, `viewBox="${TILE_VIEWBOX}"`);
if (tileSvg === svg) throw new Error('assets/icon.svg needs a viewBox attribute');

/** PNG width and height from the IHDR chunk. */
function pngSize(png) {
  if (png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The same PNG with its image data in one IDAT deflated at level 9 (Chromium favours speed: about 40% smaller). */
function recompress(png) {
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const idat = deflateSync(inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data))), { level: 9, memLevel: 9 });
  const out = chunks.flatMap((c) => (c.type === 'IDAT' ? [] : c.type === 'IEND' ? [{ type: 'IDAT', data: idat }, c] : [c]));
  return Buffer.concat([png.subarray(0, 8), ...out.map(({ type, data }) => {
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    chunk.write(type, 4, 'latin1');
    data.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
    return chunk;
  })]);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });

/** The SVG drawn at size × size pixels, transparent around the tile. */
async function rasterize(source, size) {
  const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
    <img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
  const img = page.locator('img');
  await img.evaluate((element) => element.decode());
  const png = await img.screenshot({ omitBackground: true, animations: 'disabled' });
  const [width, height] = pngSize(png);
  if (width !== size || height !== size) throw new Error(`rendered ${width}x${height} for ${size}`);
  return recompress(png);
}

const tile = new Map();
const mac = new Map();
try {
  for (const size of LINUX_SIZES) tile.set(size, await rasterize(tileSvg, size));
  for (const [, size] of ICNS_TYPES) mac.set(size, await rasterize(svg, size));
} finally {
  await browser.close();
}

/** ICO: ICONDIR, one 16-byte ICONDIRENTRY per image (0 in the width/height byte means 256), then the PNGs. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** ICNS: 'icns' + total length, then per image its four-letter type + length (8-byte header included) + PNG. */
function icns(images) {
  const entries = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

await mkdir('assets/icons', { recursive: true });
for (const [size, png] of tile) await writeFile(`assets/icons/${size}x${size}.png`, png);
await writeFile('assets/icon.png', tile.get(1024));
await writeFile('assets/icon.ico', ico(ICO_SIZES.map((size) => ({ size, png: tile.get(size) }))));
await writeFile('assets/icon.icns', icns(ICNS_TYPES.map(([type, size]) => ({ type, png: mac.get(size) }))));
console.log(`assets/icons/ (${LINUX_SIZES.length} sizes), assets/icon.png, assets/icon.ico, assets/icon.icns`);
