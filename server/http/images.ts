// Image bytes and thumbnails by row. The row is parsed strictly (decimal, in range) and only ever
// indexes the project's image list, so no request path reaches the filesystem. TIFF and images with
// more than four bands are rendered to RGB PNG from their first three bands; thumbnails go through sharp.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';

/** Content types by lower-case extension; anything else is sent as octet-stream. */
const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

/** Smallest and largest thumbnail edge in pixels. */
export const THUMBNAIL_SIZE_RANGE = { min: 8, max: 4096 } as const;

/** Image rows are plain decimal numbers: no sign, no leading zeros, no separators. */
const ROW_PATTERN = /^(0|[1-9][0-9]{0,9})$/;

/** The row of a path segment, or null when it is not a valid row of a list of `count` images. */
export function parseRow(text: string, count: number): number | null {
  if (!ROW_PATTERN.test(text)) return null;
  const row = Number(text);
  return row < count ? row : null;
}

/** A thumbnail size (`?size=`), undefined when absent, or null when invalid. */
export function parseSize(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,4}$/.test(text)) return null;
  const size = Number(text);
  return size >= THUMBNAIL_SIZE_RANGE.min && size <= THUMBNAIL_SIZE_RANGE.max ? size : null;
}

/** A rendered image ready to send. */
export interface ImageResponse {
  body: Uint8Array;
  contentType: string;
  etag: string;
}

/** Validator of a file's current version (size and modification time), for ETags. */
export async function fileVersion(path: string): Promise<string> {
  const s = await stat(path);
  return `${s.size}-${Math.floor(s.mtimeMs)}`;
}

/** The ETag of row `row` at `size` for a file version. */
export function imageEtag(row: number, size: number | undefined, version: string): string {
  return `"${createHash('sha256').update(`${row}:${size ?? 'full'}:${version}`).digest('hex').slice(0, 32)}"`;
}

const INPUT_OPTIONS = { limitInputPixels: false, failOn: 'none' } as const;

/**
 * An RGB pipeline for any image: ordinary ones as they are (16-bit and float ones contrast-stretched);
 * images with more than four bands from their first three bands, each min-max stretched to 8 bits.
 */
async function toRgbPipeline(path: string): Promise<sharp.Sharp> {
  const meta = await sharp(path, INPUT_OPTIONS).metadata();
  const channels = meta.channels ?? 3;
  const wide = meta.depth !== undefined && meta.depth !== 'uchar' && meta.depth !== 'char';
  if (channels <= 4) return wide ? sharp(path, INPUT_OPTIONS).normalise() : sharp(path, INPUT_OPTIONS);
  // grey16 keeps every band as its own 16-bit sample instead of converting the first to sRGB
  const { data, info } = await sharp(path, INPUT_OPTIONS).toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  const samples = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  const pixels = info.width * info.height;
  const rgb = Buffer.alloc(pixels * 3);
  for (let b = 0; b < 3; b++) {
    const band = Math.min(b, info.channels - 1);
    let lo = 65535;
    let hi = 0;
    for (let p = 0; p < pixels; p++) {
      const v = samples[p * info.channels + band] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const scale = hi > lo ? 255 / (hi - lo) : 0;
    for (let p = 0; p < pixels; p++) rgb[p * 3 + b] = Math.round(((samples[p * info.channels + band] as number) - lo) * scale);
  }
  return sharp(rgb, { raw: { width: info.width, height: info.height, channels: 3 } });
}

/**
 * Renders the image at `path`: its own bytes when no size is asked and the browser can show it,
 * otherwise a PNG (full size) or WebP thumbnail fitting `size` × `size`.
 */
export async function renderImage(path: string, size: number | undefined): Promise<{ body: Uint8Array; contentType: string }> {
  const ext = extname(path).toLowerCase();
  const type = CONTENT_TYPES[ext];
  const displayable = type !== undefined && type !== 'image/tiff';
  if (size === undefined && displayable) {
    // A file sharp cannot read is still sent as it is: the browser may know the format better.
    const meta = type === 'image/svg+xml' ? null : await sharp(path, INPUT_OPTIONS).metadata().catch(() => null);
    if (!meta || ((meta.channels ?? 3) <= 4 && (meta.depth === undefined || meta.depth === 'uchar'))) {
      return { body: await readFile(path), contentType: type };
    }
  }
  const pipeline = await toRgbPipeline(path);
  if (size === undefined) return { body: await pipeline.png().toBuffer(), contentType: 'image/png' };
  const body = await pipeline.resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
  return { body, contentType: 'image/webp' };
}

/** Bytes of rendered thumbnails kept in memory (least recently used ones are dropped first). */
export const THUMBNAIL_CACHE_BYTES = 64 * 1024 * 1024;

/** A byte-bounded LRU of rendered images, keyed by ETag (which changes with the file). */
export interface RenderCache {
  get(etag: string): { body: Uint8Array; contentType: string } | undefined;
  set(etag: string, value: { body: Uint8Array; contentType: string }): void;
}

/** Creates the render cache. */
export function createRenderCache(maxBytes = THUMBNAIL_CACHE_BYTES): RenderCache {
  const entries = new Map<string, { body: Uint8Array; contentType: string }>();
  let bytes = 0;
  return {
    get(etag) {
      const hit = entries.get(etag);
      if (hit) {
        entries.delete(etag);
        entries.set(etag, hit);
      }
      return hit;
    },
    set(etag, value) {
      if (value.body.byteLength > maxBytes / 16 || entries.has(etag)) return;
      entries.set(etag, value);
      bytes += value.body.byteLength;
      for (const [key, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(key);
        bytes -= old.body.byteLength;
      }
    },
  };
}
