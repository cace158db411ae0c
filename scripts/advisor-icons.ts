/**
 * Draws the advisors' app's icons (a white speech bubble with a tick on the site's blue) and
 * writes them to src/web/staff/advisor-icons/: icon.svg, and icon-192.png and icon-512.png
 * rasterised here (4×4 samples a pixel, PNG by hand: no image library, nothing downloaded).
 * The drawing keeps to the middle 80 % so the PNGs also serve as maskable icons.
 *
 *   npx tsx scripts/advisor-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = fileURLToPath(new URL('../src/web/staff/advisor-icons/', import.meta.url));
const BLUE = [0x0b, 0x4f, 0x8a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

// The drawing in a unit square (y down).
const BUBBLE = { x0: 0.2, y0: 0.22, x1: 0.8, y1: 0.66, r: 0.1 };
const TAIL: [number, number][] = [
  [0.3, 0.64],
  [0.3, 0.8],
  [0.45, 0.64],
];
const TICK: [number, number][] = [
  [0.36, 0.45],
  [0.46, 0.55],
  [0.65, 0.34],
];
const TICK_WIDTH = 0.06;

function inRoundedRect(x: number, y: number): boolean {
  const { x0, y0, x1, y1, r } = BUBBLE;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x: number, y: number): boolean {
  const [a, b, c] = TAIL as [[number, number], [number, number], [number, number]];
  const side = (p: [number, number], q: [number, number]) =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function nearTick(x: number, y: number): boolean {
  for (let i = 0; i + 1 < TICK.length; i++) {
    const [ax, ay] = TICK[i] as [number, number];
    const [bx, by] = TICK[i + 1] as [number, number];
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    if ((x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (TICK_WIDTH / 2) ** 2) return true;
  }
  return false;
}

/** The colour at a point of the unit square. */
function colourAt(x: number, y: number): readonly [number, number, number] {
  if (nearTick(x, y)) return BLUE;
  if (inRoundedRect(x, y) || inTriangle(x, y)) return WHITE;
  return BLUE;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function png(size: number): Buffer {
  const samples = 4;
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let py = 0; py < size; py++) {
    raw[py * (1 + size * 3)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let k = 0; k < 3; k++) sum[k] = (sum[k] as number) + (c[k] as number);
        }
      for (let k = 0; k < 3; k++)
        raw[py * (1 + size * 3) + 1 + px * 3 + k] = Math.round((sum[k] as number) / (samples * samples));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

export function svg(): string {
  const u = (v: number) => String(Math.round(v * 512 * 100) / 100);
  const { x0, y0, x1, y1, r } = BUBBLE;
  const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="neuvo">',
    `<rect width="512" height="512" fill="${hex(BLUE)}"/>`,
    `<rect x="${u(x0)}" y="${u(y0)}" width="${u(x1 - x0)}" height="${u(y1 - y0)}" rx="${u(r)}" fill="#fff"/>`,
    `<path d="M${TAIL.map(([x, y]) => `${u(x)} ${u(y)}`).join(' L')} Z" fill="#fff"/>`,
    `<path d="M${TICK.map(([x, y]) => `${u(x)} ${u(y)}`).join(' L')}" fill="none" stroke="${hex(BLUE)}" stroke-width="${u(TICK_WIDTH)}" stroke-linecap="round" stroke-linejoin="round"/>`,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(`${OUT}icon.svg`, svg());
  for (const size of [192, 512]) writeFileSync(`${OUT}icon-${size}.png`, png(size));
  console.log(`icons written to ${OUT}`);
}
