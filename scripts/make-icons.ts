/**
 * `npx tsx scripts/make-icons.ts`: draws the two Teams app icons into `appPackage/`.
 *
 * - `color.png`   192×192, opaque: a calm teal-blue tile with a white loop arrow around a dot,
 *                 the glyph inside Teams' 120×120 safe region.
 * - `outline.png` 32×32: the same glyph in white (#FFFFFF) on a fully transparent background,
 *                 as Teams requires (anti-aliased edges are white with partial alpha).
 *
 * Only Node built-ins: the PNG is written by hand (signature, IHDR, IDAT, IEND; 8-bit RGBA).
 * The output is deterministic, and `test/app-package.test.ts` checks the committed icons
 * still match what this script draws.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";

// ---------------------------------------------------------------------------------------------
// PNG encoding
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as used by PNG chunks (ISO 3309 / ITU-T V.42). */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG (colour type 6). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}

// ---------------------------------------------------------------------------------------------
// The glyph: a loop arrow (a ring with a gap at the top right and an arrowhead) around a dot
// ---------------------------------------------------------------------------------------------

interface GlyphShape {
  /** Ring radius and half the stroke width, in glyph units (the glyph fits in [-1, 1]²). */
  radius: number;
  halfStroke: number;
  dotRadius: number;
}

const DEG = Math.PI / 180;
const GAP_FROM = 10 * DEG; // the arrowhead end of the ring
const GAP_TO = 80 * DEG; // the tail end (round cap)

function insideTriangle(px: number, py: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (py - p[1]) - (q[1] - p[1]) * (px - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** Whether the point (x, y) — glyph units, y pointing up — is inside the glyph. */
function inGlyph(x: number, y: number, s: GlyphShape): boolean {
  const r = Math.hypot(x, y);
  if (r <= s.dotRadius) return true;
  let angle = Math.atan2(y, x);
  if (angle < 0) angle += 2 * Math.PI;
  // The ring, counter-clockwise from the tail (80°) round to the arrowhead (370° = 10°).
  if (Math.abs(r - s.radius) <= s.halfStroke && !(angle > GAP_FROM && angle < GAP_TO)) return true;
  // A round cap on the tail.
  const tail: [number, number] = [s.radius * Math.cos(GAP_TO), s.radius * Math.sin(GAP_TO)];
  if (Math.hypot(x - tail[0], y - tail[1]) <= s.halfStroke) return true;
  // The arrowhead: its base across the ring's end, its tip pointing on, counter-clockwise.
  const radial: [number, number] = [Math.cos(GAP_FROM), Math.sin(GAP_FROM)];
  const tangent: [number, number] = [-Math.sin(GAP_FROM), Math.cos(GAP_FROM)];
  const base: [number, number] = [s.radius * radial[0], s.radius * radial[1]];
  const half = s.halfStroke * 2.1;
  const length = s.halfStroke * 2.4;
  return insideTriangle(
    x,
    y,
    [base[0] + radial[0] * half, base[1] + radial[1] * half],
    [base[0] - radial[0] * half, base[1] - radial[1] * half],
    [base[0] + tangent[0] * length, base[1] + tangent[1] * length],
  );
}

/** Fraction of pixel (px, py) covered by the glyph, by supersampling. */
function coverage(px: number, py: number, size: number, scale: number, shape: GlyphShape, samples: number): number {
  let hits = 0;
  const centre = size / 2;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples - centre) / scale;
      const y = -(py + (sy + 0.5) / samples - centre) / scale;
      if (inGlyph(x, y, shape)) hits++;
    }
  }
  return hits / (samples * samples);
}

const TOP_LEFT = [38, 139, 153] as const; // #268B99
const BOTTOM_RIGHT = [27, 94, 122] as const; // #1B5E7A

/** The 192×192 colour icon: opaque gradient tile, white glyph within the 120×120 safe region. */
export function drawColorIcon(): Buffer {
  const size = 192;
  const shape: GlyphShape = { radius: 0.62, halfStroke: 0.12, dotRadius: 0.17 };
  const scale = 60; // glyph units → pixels: the glyph stays inside the central 120×120
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const t = (px + py) / (2 * (size - 1));
      const cover = coverage(px, py, size, scale, shape, 4);
      const i = (py * size + px) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const bg = (TOP_LEFT[ch] ?? 0) + ((BOTTOM_RIGHT[ch] ?? 0) - (TOP_LEFT[ch] ?? 0)) * t;
        rgba[i + ch] = Math.round(bg + (255 - bg) * cover);
      }
      rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/** The 32×32 outline icon: the glyph in white, everything else fully transparent. */
export function drawOutlineIcon(): Buffer {
  const size = 32;
  const shape: GlyphShape = { radius: 0.62, halfStroke: 0.14, dotRadius: 0.19 };
  const scale = 15;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const i = (py * size + px) * 4;
      rgba[i] = 255;
      rgba[i + 1] = 255;
      rgba[i + 2] = 255;
      rgba[i + 3] = Math.round(255 * coverage(px, py, size, scale, shape, 8));
    }
  }
  return encodePng(size, size, rgba);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "appPackage");
  writeFileSync(path.join(dir, "color.png"), drawColorIcon());
  writeFileSync(path.join(dir, "outline.png"), drawOutlineIcon());
  console.log(`Ikonerne er skrevet: ${path.relative(process.cwd(), path.join(dir, "color.png"))} (192×192) og ${path.relative(process.cwd(), path.join(dir, "outline.png"))} (32×32)`);
}
