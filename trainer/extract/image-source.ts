// Images for the feature extractor: fetched from the relay over HTTP (the trainer may run on
// another machine) and decoded with sharp to RGB float32 in [0, 1] at the extractor's input size.
import sharp from 'sharp';

/** Where the relay is and how to authenticate. */
export interface RelayImageTarget {
  /** Relay base address, e.g. http://127.0.0.1:8765 (no trailing slash). */
  url: string;
  projectId: string;
  /** A token with role trainer. */
  token: string;
  /** fetch to use (default: global fetch); tests count requests through it. */
  fetch?: typeof fetch;
}

/** Model input size in pixels. */
export interface ImageShape {
  height: number;
  width: number;
}

/** Channels fed to the extractor (RGB). */
export const EXTRACT_CHANNELS = 3;

/** Asks the relay how many images the project has (`GET /api/projects/<id>`). */
export async function fetchImageCount(target: RelayImageTarget, signal?: AbortSignal): Promise<number> {
  const doFetch = target.fetch ?? fetch;
  const response = await doFetch(`${target.url}/api/projects/${encodeURIComponent(target.projectId)}`, { headers: { Authorization: `Bearer ${target.token}` }, ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(`the relay answered HTTP ${response.status} to the project request`);
  const body = (await response.json()) as { imageCount?: unknown };
  if (typeof body.imageCount !== 'number' || !Number.isInteger(body.imageCount) || body.imageCount < 0) throw new Error('the relay did not say how many images the project has');
  return body.imageCount;
}

/** Fetches the original bytes of one image (`GET /api/projects/<id>/images/<row>`). */
export async function fetchImage(target: RelayImageTarget, row: number, signal?: AbortSignal): Promise<Uint8Array> {
  const doFetch = target.fetch ?? fetch;
  const response = await doFetch(`${target.url}/api/projects/${encodeURIComponent(target.projectId)}/images/${row}`, { headers: { Authorization: `Bearer ${target.token}` }, ...(signal ? { signal } : {}) });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`image row ${row}: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Decodes image bytes (PNG, JPEG, GIF, WebP, TIFF: first frame) to row-major (h, w, 3) 8-bit RGB:
 * alpha dropped, grayscale repeated into three channels, multi-band images keep their first
 * three bands, stretched to exactly `shape`.
 */
export async function decodeImageRgb8(bytes: Uint8Array, shape: ImageShape): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes, { failOn: 'none' })
    .removeAlpha()
    .resize(shape.width, shape.height, { fit: 'fill' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const pixels = shape.width * shape.height;
  const channels = info.channels;
  if (info.width !== shape.width || info.height !== shape.height) throw new Error(`decoded ${info.width}×${info.height}, expected ${shape.width}×${shape.height}`);
  if (channels === EXTRACT_CHANNELS) return new Uint8Array(data.subarray(0, pixels * EXTRACT_CHANNELS));
  const out = new Uint8Array(pixels * EXTRACT_CHANNELS);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < EXTRACT_CHANNELS; c++) out[p * EXTRACT_CHANNELS + c] = data[p * channels + (channels >= EXTRACT_CHANNELS ? c : 0)] as number;
  }
  return out;
}

/** Writes 8-bit RGB pixels into `out` at `offset` as float32 in [0, 1]. */
export function rgb8ToFloat(rgb: Uint8Array, out: Float32Array, offset: number): void {
  for (let i = 0; i < rgb.length; i++) out[offset + i] = (rgb[i] as number) / 255;
}

/** Decodes image bytes into `out` at `offset` as (h, w, 3) float32 in [0, 1]; see decodeImageRgb8. */
export async function decodeImageInto(bytes: Uint8Array, shape: ImageShape, out: Float32Array, offset: number): Promise<void> {
  rgb8ToFloat(await decodeImageRgb8(bytes, shape), out, offset);
}

/** Decodes one image into a new (h, w, 3) Float32Array; see decodeImageRgb8. */
export async function decodeImage(bytes: Uint8Array, shape: ImageShape): Promise<Float32Array> {
  const out = new Float32Array(shape.height * shape.width * EXTRACT_CHANNELS);
  await decodeImageInto(bytes, shape, out, 0);
  return out;
}
