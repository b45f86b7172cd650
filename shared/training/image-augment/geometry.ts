// Geometric augmentations (§3.6): flips and quarter turns composed into one permutation pass,
// shear by tfa.image.transform's projective map (bilinear, reflect fill), and the two zooms
// (a random crop resized back bicubically, and a centred box resized back bilinearly).
import type { ImageShape3 } from './image-buffers.ts';
import { SCRATCH, imageSize, scratchFloat } from './image-buffers.ts';
import type { Rng } from '../random.ts';
import { randomInt } from '../random.ts';
import type { CropBox } from './resize.ts';
import { RESIZE_METHODS, cropResize } from './resize.ts';

/** Attempts at a valid random crop before zoom_scale falls back to the whole image. */
export const ZOOM_MAX_ATTEMPTS = 100;

/**
 * Flips left–right and/or up–down, then rotates by `k` quarter turns counter-clockwise
 * (np.rot90 / tf.image.rot90), in one pass. Odd `k` needs a square image (the size never changes).
 */
export function orient(image: Float32Array, shape: ImageShape3, flipLeftRight: boolean, flipUpDown: boolean, k: number): void {
  const { height: h, width: w, channels: c } = shape;
  const turns = ((k % 4) + 4) % 4;
  if (!flipLeftRight && !flipUpDown && turns === 0) return;
  if (turns % 2 === 1 && h !== w) throw new RangeError('odd quarter turns need a square image');
  // Source pixel of output (y, x): rotate back, then undo the flips. The map is affine, so three
  // evaluations give the offset and the two strides.
  const source = (y: number, x: number): number => {
    let r = y;
    let col = x;
    if (turns === 1) [r, col] = [x, w - 1 - y];
    else if (turns === 2) [r, col] = [h - 1 - y, w - 1 - x];
    else if (turns === 3) [r, col] = [h - 1 - x, y];
    if (flipUpDown) r = h - 1 - r;
    if (flipLeftRight) col = w - 1 - col;
    return r * w + col;
  };
  const origin = source(0, 0);
  const stepX = (w > 1 ? source(0, 1) : origin + 1) - origin;
  const stepY = (h > 1 ? source(1, 0) : origin + w) - origin;
  const copy = scratchFloat(SCRATCH.orient, imageSize(shape));
  copy.set(image);
  let out = 0;
  for (let y = 0; y < h; y++) {
    let src = origin + y * stepY;
    if (c === 3) {
      for (let x = 0; x < w; x++, src += stepX, out += 3) {
        const base = src * 3;
        image[out] = copy[base] ?? 0;
        image[out + 1] = copy[base + 1] ?? 0;
        image[out + 2] = copy[base + 2] ?? 0;
      }
      continue;
    }
    for (let x = 0; x < w; x++, src += stepX) {
      const base = src * c;
      for (let ch = 0; ch < c; ch++) image[out++] = copy[base + ch] ?? 0;
    }
  }
}

/** TensorFlow's REFLECT fill (d c b a | a b c d | d c b a) for a coordinate on an axis of `len`. */
export function reflectCoordinate(coord: number, len: number): number {
  let v = coord;
  if (v < 0) {
    if (len <= 1) v = 0;
    else {
      const size2 = 2 * len;
      if (v < size2) v = size2 * Math.trunc(-v / size2) + v;
      v = v < -len ? v + size2 : -v - 1;
    }
  } else if (v > len - 1) {
    if (len <= 1) v = 0;
    else {
      const size2 = 2 * len;
      v -= size2 * Math.trunc(v / size2);
      if (v >= len) v = size2 - v - 1;
    }
  }
  return Math.min(len - 1, Math.max(0, v));
}

/**
 * Shears by the projective map [1, sx, −W·sx/2; sy, 1, −H·sy/2] (output (x, y) reads input
 * (x + sx·y − W·sx/2, sy·x + y − H·sy/2)), bilinear, reflect fill, as tfa.image.transform.
 */
export function shear(image: Float32Array, shape: ImageShape3, sx: number, sy: number): void {
  const { height: h, width: w, channels: c } = shape;
  const copy = scratchFloat(SCRATCH.shear, imageSize(shape));
  copy.set(image);
  let out = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const xin = reflectCoordinate(x + sx * y - (w * sx) / 2, w);
      const yin = reflectCoordinate(sy * x + y - (h * sy) / 2, h);
      const x0 = Math.floor(xin);
      const y0 = Math.floor(yin);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = xin - x0;
      const fy = yin - y0;
      const a = (y0 * w + x0) * c;
      const b = (y0 * w + x1) * c;
      const d = (y1 * w + x0) * c;
      const e = (y1 * w + x1) * c;
      for (let ch = 0; ch < c; ch++) {
        const top = (1 - fx) * (copy[a + ch] ?? 0) + fx * (copy[b + ch] ?? 0);
        const bottom = (1 - fx) * (copy[d + ch] ?? 0) + fx * (copy[e + ch] ?? 0);
        image[out++] = (1 - fy) * top + fy * bottom;
      }
    }
  }
}

/**
 * Draws zoom_scale's crop as tf.image.sample_distorted_bounding_box does: aspect ratio (width /
 * height) uniform in [¾·W/H, ⁴⁄₃·W/H], area fraction in [minArea, 1], up to ZOOM_MAX_ATTEMPTS
 * tries, else the whole image. The position is uniform over every place the crop fits.
 */
export function sampleZoomCrop(height: number, width: number, minArea: number, rng: Rng): CropBox {
  const minAspect = (0.75 * width) / height;
  const maxAspect = (4 / 3) * (width / height);
  const minPixels = minArea * width * height;
  const maxPixels = width * height;
  for (let attempt = 0; attempt < ZOOM_MAX_ATTEMPTS; attempt++) {
    const aspect = minAspect + rng() * (maxAspect - minAspect);
    let cropH = Math.round(Math.sqrt(minPixels / aspect));
    let maxH = Math.round(Math.sqrt(maxPixels / aspect));
    if (Math.round(maxH * aspect) > width) {
      maxH = Math.floor((width + 0.5 - 1e-7) / aspect);
      if (Math.round(maxH * aspect) > width) maxH -= 1;
    }
    if (maxH > height) maxH = height;
    if (cropH >= maxH) cropH = maxH;
    if (cropH < maxH) cropH += randomInt(rng, maxH - cropH + 1);
    let cropW = Math.round(cropH * aspect);
    let area = cropW * cropH;
    if (area < minPixels) {
      cropH += 1;
      cropW = Math.round(cropH * aspect);
      area = cropW * cropH;
    }
    if (area > maxPixels) {
      cropH -= 1;
      cropW = Math.round(cropH * aspect);
      area = cropW * cropH;
    }
    if (area < minPixels || area > maxPixels) continue;
    if (cropW <= 0 || cropW > width || cropH <= 0 || cropH > height) continue;
    const top = randomInt(rng, height - cropH + 1);
    const left = randomInt(rng, width - cropW + 1);
    return { top, left, height: cropH, width: cropW };
  }
  return { top: 0, left: 0, height, width };
}

/** zoom_scale s: a random crop of area fraction in [s, 1] resized back bicubically (whole-image crops are skipped). */
export function zoomScale(image: Float32Array, shape: ImageShape3, minArea: number, rng: Rng): void {
  const box = sampleZoomCrop(shape.height, shape.width, minArea, rng);
  if (box.height === shape.height && box.width === shape.width) return;
  cropResize(image, shape, box, RESIZE_METHODS.bicubic);
}

/** center_zoom_scale s: z ~ U(0, (1−s)/2), the fractional box [z, z, 1−z, 1−z] resized back (crop_and_resize, bilinear). */
export function centerZoomScale(image: Float32Array, shape: ImageShape3, scale: number, rng: Rng): void {
  const z = rng() * ((1 - scale) / 2);
  if (z <= 0) return;
  cropResize(image, shape, { top: z, left: z, height: 1 - 2 * z, width: 1 - 2 * z }, RESIZE_METHODS.boxBilinear);
}
