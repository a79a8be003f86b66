// Draws Outpost's icons (a white tent with a pennant on the theme colour) and writes them to
// public/: the PNGs the web app manifest and iOS need, and the SVG favicon.
// Run `node scripts/make-icons.mjs`; the output is committed. Only node:zlib is used: the PNG
// encoder and a tiny anti-aliased rasteriser live here, so no image package is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));
const THEME = '#0f766e';
const WHITE = '#ffffff';
const SUPERSAMPLE = 4; // 4×4 samples per pixel: smooth edges without an AA algorithm

// --- the design, in unit coordinates (0..1) of a square "mark box" --------------------------

/** The tent, its door (cut out in the background colour) and a pennant on the ridge pole. */
function tentMark(background) {
  return [
    { color: WHITE, shape: poly([0.5, 0.2], [0.96, 0.9], [0.04, 0.9]) },
    { color: background, shape: poly([0.5, 0.5], [0.66, 0.9], [0.34, 0.9]) },
    { color: WHITE, shape: rect(0.48, 0.04, 0.04, 0.2) },
    { color: WHITE, shape: poly([0.52, 0.04], [0.72, 0.1], [0.52, 0.16]) },
  ];
}

/**
 * An icon: a background (rounded square, or full bleed for maskable/iOS icons, which the
 * platform crops itself) with the mark scaled into a centred box of `markSize`.
 */
function icon({ cornerRadius, markSize }) {
  const offset = (1 - markSize) / 2;
  const mark = tentMark(THEME).map(({ color, shape }) => ({
    color,
    shape: transform(shape, offset, markSize),
  }));
  return [{ color: THEME, shape: rect(0, 0, 1, 1, cornerRadius) }, ...mark];
}

// Maskable icons may be cropped to a circle of radius 40% (the "safe zone"): markSize 0.56
// keeps the tent's farthest corner at ~0.34 from the centre.
const ICONS = [
  { file: 'icons/icon-192.png', size: 192, scene: icon({ cornerRadius: 0.22, markSize: 0.64 }) },
  { file: 'icons/icon-512.png', size: 512, scene: icon({ cornerRadius: 0.22, markSize: 0.64 }) },
  { file: 'icons/maskable-512.png', size: 512, scene: icon({ cornerRadius: 0, markSize: 0.56 }) },
  { file: 'apple-touch-icon.png', size: 180, scene: icon({ cornerRadius: 0, markSize: 0.62 }) },
];
const FAVICON = icon({ cornerRadius: 0.2, markSize: 0.72 });

// --- shapes ---------------------------------------------------------------------------------

function poly(...points) {
  return { kind: 'poly', points };
}

function rect(x, y, w, h, r = 0) {
  return { kind: 'rect', x, y, w, h, r };
}

function transform(shape, offset, scale) {
  const at = (v) => offset + v * scale;
  if (shape.kind === 'poly') return poly(...shape.points.map(([x, y]) => [at(x), at(y)]));
  return rect(at(shape.x), at(shape.y), shape.w * scale, shape.h * scale, shape.r * scale);
}

function contains(shape, x, y) {
  return shape.kind === 'poly' ? inPolygon(shape.points, x, y) : inRoundedRect(shape, x, y);
}

// Even-odd ray casting.
function inPolygon(points, x, y) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedRect({ x, y, w, h, r }, px, py) {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  // Distance from the inner rectangle (shrunk by r) must be at most r.
  const dx = Math.max(x + r - px, 0, px - (x + w - r));
  const dy = Math.max(y + r - py, 0, py - (y + h - r));
  return dx * dx + dy * dy <= r * r;
}

// --- rasteriser -----------------------------------------------------------------------------

function rgba(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

/** The colour at a point: the topmost shape containing it, or transparent. */
function sample(scene, x, y) {
  for (let i = scene.length - 1; i >= 0; i--) {
    if (contains(scene[i].shape, x, y)) return scene[i].rgba;
  }
  return [0, 0, 0, 0];
}

/** RGBA pixels, averaging premultiplied samples so edges blend correctly with transparency. */
function rasterise(scene, size) {
  const colored = scene.map((layer) => ({ ...layer, rgba: rgba(layer.color) }));
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let s = 0; s < n; s++) {
        const x = (px + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const y = (py + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const [r, g, b, a] = sample(colored, x, y);
        sum[0] += (r * a) / 255;
        sum[1] += (g * a) / 255;
        sum[2] += (b * a) / 255;
        sum[3] += a;
      }
      const alpha = sum[3] / n;
      const unpremultiply = (c) => (alpha === 0 ? 0 : Math.round(((c / n) * 255) / alpha));
      pixels.set([...sum.slice(0, 3).map(unpremultiply), Math.round(alpha)], (py * size + px) * 4);
    }
  }
  return pixels;
}

// --- PNG encoder ----------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG: IHDR, one IDAT (each row prefixed by filter type 0, "none"), IEND. */
function encodePng(pixels, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- SVG ------------------------------------------------------------------------------------

function svg(scene) {
  const n = (v) => Number((v * 100).toFixed(2)); // a 100×100 viewBox
  const element = ({ color, shape }) =>
    shape.kind === 'poly'
      ? `<polygon fill="${color}" points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`
      : `<rect fill="${color}" x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}" rx="${n(shape.r)}"/>`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
    ...scene.map((layer) => `  ${element(layer)}`),
    '</svg>',
    '',
  ].join('\n');
}

// --- main -----------------------------------------------------------------------------------

function write(relative, data) {
  const file = path.join(PUBLIC, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`wrote public/${relative}`);
}

for (const { file, size, scene } of ICONS) {
  write(file, encodePng(rasterise(scene, size), size, size));
}
write('favicon.svg', svg(FAVICON));
