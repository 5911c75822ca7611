// The committed icons: what scripts/make-icons.mjs draws, in the sizes and colours each platform needs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayImagePath } from '../../main/app/assets';

const assets = path.resolve(__dirname, '../../assets');
const states = ['ok', 'expiring', 'broken', 'busy'] as const;

function decodePng(file: string | Buffer): { width: number; height: number; pixels: Buffer } {
  const b = typeof file === 'string' ? readFileSync(file) : file;
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (o < b.length) {
    const len = b.readUInt32BE(o);
    const type = b.toString('ascii', o + 4, o + 8);
    const data = b.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // filter "none", as written
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

const opaqueShare = (p: Buffer) => {
  let n = 0;
  for (let i = 3; i < p.length; i += 4) if (p[i]! > 0) n++;
  return n / (p.length / 4);
};

describe('tray icons', () => {
  it.each(states)('%s: macOS template images are 16 and 32 px, black with alpha only', (state) => {
    for (const [file, size] of [['trayTemplate.png', 16], ['trayTemplate@2x.png', 32]] as const) {
      const { width, height, pixels } = decodePng(path.join(assets, 'tray', state, file));
      expect([width, height]).toEqual([size, size]);
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3]! > 0) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
      }
      // Something is drawn, with transparent space around it.
      expect(opaqueShare(pixels)).toBeGreaterThan(0.2);
      expect(opaqueShare(pixels)).toBeLessThan(0.8);
    }
  });

  it.each(states)('%s: colour icons for Windows and Linux are 32 and 64 px and in colour', (state) => {
    for (const [file, size] of [['tray.png', 32], ['tray@2x.png', 64]] as const) {
      const { width, pixels } = decodePng(path.join(assets, 'tray', state, file));
      expect(width).toBe(size);
      let coloured = false;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 200 && pixels[i] !== pixels[i + 2]) coloured = true;
      expect(coloured).toBe(true);
    }
  });

  it.each(states)('%s: Windows gets one .ico with every size its scales need, each a PNG of that size', (state) => {
    const ico = readFileSync(path.join(assets, 'tray', state, 'tray.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = ico.subarray(6 + 16 * i, 6 + 16 * (i + 1));
      const [size, length, offset] = [e[0]!, e.readUInt32LE(8), e.readUInt32LE(12)];
      expect([e[1], e.readUInt16LE(4), e.readUInt16LE(6)]).toEqual([size, 1, 32]);
      const { width, height } = decodePng(ico.subarray(offset, offset + length));
      expect([width, height]).toEqual([size, size]);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 20, 24, 32, 40, 48, 64]);
  });

  it('draws each state differently', () => {
    const bytes = states.map((s) => readFileSync(path.join(assets, 'tray', s, 'trayTemplate@2x.png')).toString('base64'));
    expect(new Set(bytes).size).toBe(states.length);
  });

  it('has the app icon electron-builder turns into .icns and .ico (512 px, opaque middle)', () => {
    const { width, height, pixels } = decodePng(path.join(assets, 'icon.png'));
    expect([width, height]).toEqual([512, 512]);
    expect(pixels[(256 * 512 + 256) * 4 + 3]).toBe(255);
  });

  it('is what the shell asks for on each platform', () => {
    expect(trayImagePath(assets, 'ok', 'darwin')).toBe(path.join(assets, 'tray/ok/trayTemplate.png'));
    expect(trayImagePath(assets, 'broken', 'win32')).toBe(path.join(assets, 'tray/broken/tray.ico'));
    expect(trayImagePath(assets, 'broken', 'linux')).toBe(path.join(assets, 'tray/broken/tray.png'));
    for (const s of states) for (const p of ['darwin', 'win32', 'linux'] as const) expect(existsSync(trayImagePath(assets, s, p))).toBe(true);
  });
});
