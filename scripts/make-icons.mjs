#!/usr/bin/env node
// Draws every icon the app ships and writes them to assets/ (committed; rerun after changing a shape):
//   assets/icon.png                               512×512 app icon (electron-builder derives .icns/.ico from it)
//   assets/tray/<state>/trayTemplate.png (+@2x)   macOS menu-bar template images: black + alpha only, 16/32 px
//   assets/tray/<state>/tray.png (+@2x)           colour tray icons for Linux, 32/64 px
//   assets/tray/<state>/tray.ico                  the same for Windows, 16–64 px in one .ico (Windows picks the size
//                                                 for the screen's scale: 16 at 100 %, 24 at 150 %, 32 at 200 % …)
// States: ok, expiring, broken, busy. Pure Node: shapes are rasterised with 8×8 supersampling and the PNGs are
// written with zlib, so no image package (and no native build) is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const assets = path.resolve(here, '..', 'assets');
export const trayStates = ['ok', 'expiring', 'broken', 'busy'];

// ---- PNG encoding -------------------------------------------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA8 pixels (straight alpha) → PNG bytes. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PNG images (one per size) → an .ico whose entries are PNG-compressed, as Windows reads them since Vista. */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // width (0 means 256)
    e[1] = size >= 256 ? 0 : size; // height
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}
export const icoSizes = [16, 20, 24, 32, 40, 48, 64];

// ---- Shapes (in a 16×16 design space; y grows downwards) ----------------------------------------------------
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ellipse = (cx, cy, rx, ry, deg) => {
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a), sin = Math.sin(a);
  return (x, y) => {
    const dx = x - cx, dy = y - cy;
    const u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1;
  };
};
const polygon = (pts) => (x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const segment = (x1, y1, x2, y2, w) => (x, y) => {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= (w / 2) ** 2;
};
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.max(x0 + r, Math.min(x1 - r, x)), cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** A small finch facing right: round body, head, short conical beak, forked tail. */
const bird = union(
  ellipse(7.2, 9.3, 5.1, 3.7, -18),
  circle(10.9, 6.2, 2.9),
  polygon([[13.2, 5.0], [15.8, 6.4], [13.2, 7.6]]),
  polygon([[3.2, 9.0], [0.2, 7.2], [1.4, 9.6], [0.4, 11.8], [3.6, 11.0]]),
);
const birdEye = circle(11.5, 5.6, 0.75);
const birdWing = ellipse(6.3, 8.7, 3.1, 1.25, -24);
// At 16 px a full wing cut-out hollows the body: the template gets a slimmer stroke.
const birdWingThin = ellipse(6.4, 8.6, 2.7, 0.6, -24);

// Status badge in the lower right; the bird is cut away around it so it reads at 16 px.
const badge = { cx: 12.3, cy: 12.3, r: 3.4 };
const badgeGap = circle(badge.cx, badge.cy, badge.r + 1.1);
const badgeDisc = circle(badge.cx, badge.cy, badge.r);
const glyphs = {
  // A clock: the time is running out.
  expiring: union(segment(12.3, 12.3, 12.3, 10.1, 1.0), segment(12.3, 12.3, 13.9, 12.3, 1.0)),
  // An exclamation mark: something is broken.
  broken: union(segment(12.3, 10.0, 12.3, 12.6, 1.2), circle(12.3, 14.3, 0.7)),
  // Three dots: working.
  busy: union(circle(10.6, 12.3, 0.65), circle(12.3, 12.3, 0.65), circle(14.0, 12.3, 0.65)),
};

/**
 * Layers painted in order; each is [shape, colour(x, y) → [r, g, b, a] | 'clear'] in the 16-unit space.
 * The same layer list serves the template (black) and the colour icon.
 */
function trayLayers(state, colour) {
  const ink = colour ? () => [201, 138, 16, 255] : () => [0, 0, 0, 255];
  const outline = colour ? () => [72, 52, 12, 255] : null;
  const layers = [[bird, ink]];
  if (outline) layers.push([union(birdEye, birdWing), outline]);
  else layers.push([union(birdEye, birdWingThin), () => 'clear']);
  if (state !== 'ok') {
    const badgeColour = { expiring: [234, 120, 12, 255], broken: [214, 40, 40, 255], busy: [37, 99, 235, 255] }[state];
    layers.push([badgeGap, () => 'clear']);
    layers.push([badgeDisc, colour ? () => badgeColour : ink]);
    layers.push([glyphs[state], colour ? () => [255, 255, 255, 255] : () => 'clear']);
  }
  return layers;
}

/** The app icon: a gold finch on a rounded teal tile, with a white check — "your logins are fine". */
function appIconLayers() {
  const tile = roundRect(0.6, 0.6, 15.4, 15.4, 3.4);
  const gradient = (_x, y) => {
    const t = y / 16;
    return [Math.round(17 + t * (12 - 17)), Math.round(122 + t * (84 - 122)), Math.round(140 + t * (104 - 140)), 255];
  };
  // The bird drawn at 70 % in the tile's middle.
  const s = 0.7, ox = 2.0, oy = 1.2;
  const scaled = (f) => (x, y) => f((x - ox) / s, (y - oy) / s);
  return [
    [tile, gradient],
    [scaled(bird), () => [245, 184, 28, 255]],
    [scaled(birdWing), () => [176, 118, 10, 255]],
    [scaled(birdEye), () => [30, 30, 30, 255]],
    [circle(12.2, 12.2, 2.5), () => [255, 255, 255, 255]],
    [union(segment(11.0, 12.3, 11.9, 13.2, 0.7), segment(11.9, 13.2, 13.5, 11.3, 0.7)), () => [14, 110, 96, 255]],
  ];
}

/** Rasterises layers at size×size pixels with ss×ss samples per pixel. */
export function render(size, layers, ss = 8) {
  const out = Buffer.alloc(size * size * 4);
  const unit = 16 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) * unit, y = (py + (sy + 0.5) / ss) * unit;
          let c = null;
          for (const [shape, paint] of layers) {
            if (!shape(x, y)) continue;
            const p = paint(x, y);
            c = p === 'clear' ? null : p;
          }
          if (c) {
            const al = c[3] / 255;
            r += c[0] * al;
            g += c[1] * al;
            b += c[2] * al;
            a += al;
          }
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      out[i + 3] = Math.round((a / n) * 255);
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
    }
  }
  return out;
}

function writeIco(rel, layers) {
  const file = path.join(assets, rel);
  writeFileSync(file, encodeIco(icoSizes.map((size) => ({ size, png: encodePng(size, size, render(size, layers)) }))));
  return rel;
}

function write(rel, size, layers) {
  const file = path.join(assets, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, size, render(size, layers)));
  return rel;
}

export function makeIcons() {
  const written = [];
  for (const state of trayStates) {
    written.push(write(`tray/${state}/trayTemplate.png`, 16, trayLayers(state, false)));
    written.push(write(`tray/${state}/trayTemplate@2x.png`, 32, trayLayers(state, false)));
    written.push(write(`tray/${state}/tray.png`, 32, trayLayers(state, true)));
    written.push(write(`tray/${state}/tray@2x.png`, 64, trayLayers(state, true)));
    written.push(writeIco(`tray/${state}/tray.ico`, trayLayers(state, true)));
  }
  written.push(write('icon.png', 512, appIconLayers()));
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = makeIcons();
  console.log(`wrote ${files.length} icons to ${path.relative(process.cwd(), assets) || '.'}/`);
}
