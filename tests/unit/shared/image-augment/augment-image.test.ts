// augmentImage / augmentBatch (§3.6): determinism for a seed, [0, 1] output of the same size for
// the default and strong settings and for everything on, the fixed application order, settings
// of false/0 turning operations off, and batches augmenting each image independently.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/training/random.ts';
import type { AugmentParams } from '../../../../shared/training/image-augment/index.ts';
import {
  AUGMENT_OPERATIONS,
  DEFAULT_AUGMENT_PARAMS,
  DEFAULT_STRONG_IMAGE_AUGMENT,
  SWITCH_OPERATIONS,
  augmentBatch,
  augmentImage,
} from '../../../../shared/training/image-augment/index.ts';
import { at, augmented, constantImage, emojiImage, maxAbsDiff, shapeOf } from './image-fixtures.ts';

const SHAPE = shapeOf(48, 48, 3);
/** Every operation on (probabilities 1 where that makes it fire). */
const EVERYTHING: AugmentParams = Object.fromEntries(
  AUGMENT_OPERATIONS.map((op) => [op, SWITCH_OPERATIONS.includes(op) ? true : ['shear', 'zoom_scale', 'center_zoom_scale', 'jitter'].includes(op) ? 0.3 : 1]),
);

describe('augmentImage', () => {
  it('is deterministic: the same seed gives identical bytes, another seed a different image', async () => {
    const { image } = await emojiImage('1f600.png', 48, 48);
    for (const params of [DEFAULT_AUGMENT_PARAMS, DEFAULT_STRONG_IMAGE_AUGMENT, EVERYTHING]) {
      const a = augmented(image, SHAPE, params, 123);
      const b = augmented(image, SHAPE, params, 123);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
      expect(maxAbsDiff(a, augmented(image, SHAPE, params, 124))).toBeGreaterThan(0.01);
    }
  });

  it('keeps the size and gives finite values in [0, 1] for the default, strong and all-on settings', async () => {
    const { image } = await emojiImage('1f34e.png', 48, 48);
    for (const params of [DEFAULT_AUGMENT_PARAMS, DEFAULT_STRONG_IMAGE_AUGMENT, EVERYTHING]) {
      for (let seed = 0; seed < 15; seed++) {
        const out = augmented(image, SHAPE, params, seed);
        expect(out.length).toBe(image.length);
        expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      }
    }
    const wide = shapeOf(20, 36, 3);
    const { image: wideImage } = await emojiImage('1f34e.png', 36, 20);
    for (let seed = 0; seed < 10; seed++) expect(augmented(wideImage, wide, EVERYTHING, seed).every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('handles tiny images (1×1, 1×4, 3×2, one or four channels) with everything on', () => {
    for (const shape of [shapeOf(1, 1, 3), shapeOf(1, 4, 3), shapeOf(3, 2, 1), shapeOf(2, 2, 4)]) {
      const image = constantImage(shape, 0.3);
      for (let seed = 0; seed < 5; seed++) {
        const out = augmented(image, shape, EVERYTHING, seed);
        expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      }
      // The mask always covers at least one pixel.
      expect(augmented(image, shape, { mask: 1 }, 3).some((v) => v === 0.5)).toBe(true);
    }
  });

  it('every operation set to false or 0 leaves an image in [0, 1] untouched', async () => {
    const { image } = await emojiImage('1f98a.png', 48, 48);
    const off = Object.fromEntries(AUGMENT_OPERATIONS.map((op) => [op, false])) as AugmentParams;
    const zero = Object.fromEntries(AUGMENT_OPERATIONS.map((op) => [op, 0])) as AugmentParams;
    for (const seed of [1, 2, 3]) {
      expect(augmented(image, SHAPE, off, seed)).toEqual(image);
      expect(augmented(image, SHAPE, zero, seed)).toEqual(image);
    }
  });

  it('clips the result to [0, 1]', () => {
    const shape = shapeOf(2, 2, 1);
    expect(Array.from(augmented(Float32Array.from([-0.5, 0.25, 1.5, 1]), shape, {}, 1))).toEqual([0, 0.25, 1, 1]);
  });

  it('applies operations in AUGMENT_OPERATIONS order: blur, sobel, drop_color and jpeg come before mask', async () => {
    const flat = constantImage(SHAPE, 0.2);
    const { image } = await emojiImage('1f600.png', 48, 48);
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const [source, params] of [
        [flat, { gaussian_blur: 1, mask: 1 }],
        [flat, { sobel_prob: 1, mask: 1 }],
        [image, { drop_color: 1, mask: 1 }],
        [image, { jpeg_degrade: 1, mask: 1 }],
      ] as const) {
        const out = augmented(source, SHAPE, params, seed);
        // The mask, applied last, is one solid rectangle of exactly 0.5 in every channel.
        let count = 0;
        let top = Infinity;
        let bottom = -1;
        let left = Infinity;
        let right = -1;
        for (let y = 0; y < 48; y++) {
          for (let x = 0; x < 48; x++) {
            if ([0, 1, 2].every((ch) => at(out, SHAPE, y, x, ch) === 0.5)) {
              count++;
              [top, bottom, left, right] = [Math.min(top, y), Math.max(bottom, y), Math.min(left, x), Math.max(right, x)];
            }
          }
        }
        expect(count).toBeGreaterThan(0);
        expect(count).toBe((bottom - top + 1) * (right - left + 1));
      }
    }
    // drop_color before mask: outside the mask every pixel is grey.
    const grey = augmented(image, SHAPE, { drop_color: 1, mask: 1 }, 9);
    for (let p = 0; p < 48 * 48; p++) expect(grey[p * 3]).toBe(grey[p * 3 + 2]);
  });

  it('rejects an image whose length does not match the shape', () => {
    expect(() => augmentImage(new Float32Array(10), SHAPE, DEFAULT_AUGMENT_PARAMS, createRng(1))).toThrow(RangeError);
  });
});

describe('augmentBatch', () => {
  it('augments each image independently, exactly as consecutive augmentImage calls with one Rng', async () => {
    const { image } = await emojiImage('1f431.png', 48, 48);
    const size = image.length;
    const batch = new Float32Array(size * 3);
    for (let i = 0; i < 3; i++) batch.set(image, i * size);
    augmentBatch(batch, 3, SHAPE, EVERYTHING, createRng(55));
    const rng = createRng(55);
    for (let i = 0; i < 3; i++) {
      const one = image.slice();
      augmentImage(one, SHAPE, EVERYTHING, rng);
      expect(batch.subarray(i * size, (i + 1) * size)).toEqual(one);
    }
    expect(maxAbsDiff(batch.subarray(0, size), batch.subarray(size, 2 * size))).toBeGreaterThan(0.01);
  });

  it('rejects a batch shorter than count images', () => {
    expect(() => augmentBatch(new Float32Array(100), 2, SHAPE, {}, createRng(1))).toThrow(RangeError);
  });
});
