// The image shape the augmentations share and their reusable scratch buffers: each slot grows on
// demand and is reused across calls, so augmenting an image allocates nothing per pixel.

/** Shape of one image: row-major (height, width, channels), values in [0, 1]. */
export interface ImageShape3 {
  height: number;
  width: number;
  channels: number;
}

/** Scratch slots; each operation uses its own, so no two live buffers alias. */
export const SCRATCH = {
  orient: 0,
  shear: 1,
  resizeRows: 2,
  resizeOut: 3,
  blur: 4,
  sobel: 5,
  hsv: 6,
  jpegY: 7,
  jpegCb: 8,
  jpegCr: 9,
  jpegCbFull: 10,
  jpegCrFull: 11,
} as const;

const FLOAT_SLOTS: Float32Array[] = [];
const INT_SLOTS: Int32Array[] = [];

/** A float scratch buffer of exactly `size` values (contents undefined), reused between calls. */
export function scratchFloat(slot: number, size: number): Float32Array {
  let buf = FLOAT_SLOTS[slot];
  if (buf === undefined || buf.length < size) {
    buf = new Float32Array(size);
    FLOAT_SLOTS[slot] = buf;
  }
  return buf.length === size ? buf : buf.subarray(0, size);
}

/** An integer scratch buffer of exactly `size` values (contents undefined), reused between calls. */
export function scratchInt(slot: number, size: number): Int32Array {
  let buf = INT_SLOTS[slot];
  if (buf === undefined || buf.length < size) {
    buf = new Int32Array(size);
    INT_SLOTS[slot] = buf;
  }
  return buf.length === size ? buf : buf.subarray(0, size);
}

/** Number of values in one image of `shape`. */
export function imageSize(shape: ImageShape3): number {
  return shape.height * shape.width * shape.channels;
}
