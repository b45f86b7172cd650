// Image augmentation entry points (behaviour reference §3.6): every enabled operation of the
// settings in AUGMENT_OPERATIONS order, then a clip to [0, 1]. Deterministic for a given Rng
// state; works in place and reuses scratch buffers, so the trainer can call it per image.
import type { AugmentOperation, AugmentParams } from './augment-params.ts';
import { augmentValue } from './augment-params.ts';
import type { ImageShape3 } from './image-buffers.ts';
import { imageSize } from './image-buffers.ts';
import type { Rng } from '../random.ts';
import { randomInt } from '../random.ts';
import { centerZoomScale, orient, shear, zoomScale } from './geometry.ts';
import {
  GAUSSIAN_NOISE_STD,
  addGaussianNoise,
  autocontrast,
  clipUnit,
  dropColor,
  drawBrightness,
  drawFactor,
  drawHueShift,
  jitter,
  solarize,
  uniform,
} from './colour.ts';
import { adjustColour } from './colour-adjust.ts';
import { BLUR_SIGMA_RANGE, blurRadius, fillRect, gaussianBlur, pixelMask, sampleMaskRect, sobel } from './filters.ts';
import { JPEG_QUALITY_HARSH, JPEG_QUALITY_MILD, jpegDegrade } from './jpeg-degrade.ts';

export type { ImageShape3 } from './image-buffers.ts';

/** True with probability p (draws once). */
function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/**
 * Augments one image in place (same size): every enabled operation in AUGMENT_OPERATIONS order,
 * then clip to [0, 1]. Probabilistic operations draw their gate first, then their parameters;
 * rot90 turns non-square images only by 0 or 2 quarter turns, so the size never changes.
 */
export function augmentImage(image: Float32Array, shape: ImageShape3, params: AugmentParams, rng: Rng): void {
  if (image.length !== imageSize(shape)) {
    throw new RangeError(`image has ${image.length} values, shape ${shape.height}×${shape.width}×${shape.channels} needs ${imageSize(shape)}`);
  }
  const value = (op: AugmentOperation): number | null => augmentValue(params, op);
  const { height: h, width: w } = shape;
  const flipLr = value('flip_left_right') !== null && chance(rng, 0.5);
  const flipUd = value('flip_up_down') !== null && chance(rng, 0.5);
  const turns = value('rot90') === null ? 0 : h === w ? randomInt(rng, 4) : 2 * randomInt(rng, 2);
  orient(image, shape, flipLr, flipUd, turns);

  const shearAmount = value('shear');
  if (shearAmount !== null) {
    const sx = uniform(rng, -shearAmount, shearAmount);
    const sy = uniform(rng, -shearAmount, shearAmount);
    shear(image, shape, sx, sy);
  }
  const zoom = value('zoom_scale');
  if (zoom !== null) zoomScale(image, shape, zoom, rng);
  const centerZoom = value('center_zoom_scale');
  if (centerZoom !== null) centerZoomScale(image, shape, centerZoom, rng);

  const solarizeP = value('solarize');
  if (solarizeP !== null && chance(rng, solarizeP)) solarize(image, rng());
  const jitterStrength = value('jitter');
  if (jitterStrength !== null) jitter(image, shape, jitterStrength, rng);
  // brightness, contrast, saturation and hue are consecutive and unclipped in between: one fused pass.
  const brightness = value('brightness_delta');
  const contrast = value('contrast_delta');
  const saturation = value('saturation_delta');
  const hue = value('hue_delta');
  adjustColour(image, shape, {
    brightness: brightness === null ? 1 : drawBrightness(brightness, rng),
    contrast: contrast === null ? 1 : drawFactor(contrast, rng),
    saturation: saturation === null ? 1 : drawFactor(saturation, rng),
    hue: hue === null ? 0 : drawHueShift(hue, rng),
  });

  const blurP = value('gaussian_blur');
  if (blurP !== null && chance(rng, blurP)) {
    gaussianBlur(image, shape, uniform(rng, BLUR_SIGMA_RANGE[0], BLUR_SIGMA_RANGE[1]), blurRadius(h));
  }
  const noiseP = value('gaussian_noise');
  if (noiseP !== null && chance(rng, noiseP)) addGaussianNoise(image, GAUSSIAN_NOISE_STD, rng);
  const autocontrastP = value('autocontrast');
  if (autocontrastP !== null && chance(rng, autocontrastP)) autocontrast(image);
  const dropP = value('drop_color');
  if (dropP !== null && chance(rng, dropP)) dropColor(image, shape);
  const sobelP = value('sobel_prob');
  if (sobelP !== null && chance(rng, sobelP)) sobel(image, shape);
  const jpegP = value('jpeg_degrade');
  if (jpegP !== null) jpegDegrade(image, shape, chance(rng, jpegP * jpegP) ? JPEG_QUALITY_HARSH : JPEG_QUALITY_MILD);
  const maskP = value('mask');
  if (maskP !== null && chance(rng, maskP)) fillRect(image, shape, sampleMaskRect(h, w, rng));
  const pixelMaskP = value('pixel_mask');
  if (pixelMaskP !== null && chance(rng, pixelMaskP)) pixelMask(image, shape, rng);
  clipUnit(image);
}

/** Augments `count` images stored back to back in `batch`, each independently (in order, one Rng). */
export function augmentBatch(batch: Float32Array, count: number, shape: ImageShape3, params: AugmentParams, rng: Rng): void {
  const size = imageSize(shape);
  if (batch.length < count * size) throw new RangeError(`batch has ${batch.length} values, ${count} images need ${count * size}`);
  for (let i = 0; i < count; i++) augmentImage(batch.subarray(i * size, (i + 1) * size), shape, params, rng);
}
