// Geometric augmentations (§3.6): flips and rot90 are exact permutations (and `false` turns them
// off), rot90 keeps non-square sizes, shear and the zooms keep constants constant, and the
// resamplers follow TensorFlow's coordinate mappings.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/training/random.ts';
import { orient, reflectCoordinate, sampleZoomCrop, shear } from '../../../../shared/training/image-augment/geometry.ts';
import { RESIZE_METHODS, cropResize } from '../../../../shared/training/image-augment/resize.ts';
import type { ImageShape3 } from '../../../../shared/training/image-augment/index.ts';
import { augmented, constantImage, indexImage, maxAbsDiff, noiseImage, shapeOf } from './image-fixtures.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i);

/** out[y][x] = in[src(y, x)] for a pixel map. */
function remap(image: Float32Array, shape: ImageShape3, src: (y: number, x: number) => [number, number]): Float32Array {
  const { height: h, width: w, channels: c } = shape;
  const out = new Float32Array(image.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [sy, sx] = src(y, x);
      for (let ch = 0; ch < c; ch++) out[(y * w + x) * c + ch] = image[(sy * w + sx) * c + ch] ?? NaN;
    }
  }
  return out;
}

function sameAs(a: Float32Array, b: Float32Array): boolean {
  return a.every((v, i) => v === b[i]);
}

describe('flips and rot90', () => {
  const shape = shapeOf(5, 5, 3);
  const image = indexImage(shape);
  const mirror = remap(image, shape, (y, x) => [y, 4 - x]);
  const upsideDown = remap(image, shape, (y, x) => [4 - y, x]);

  it('flip_left_right: each result is the image or its exact mirror, about half each', () => {
    let flipped = 0;
    for (const seed of SEEDS) {
      const out = augmented(image, shape, { flip_left_right: true }, seed);
      expect(sameAs(out, image) || sameAs(out, mirror)).toBe(true);
      if (sameAs(out, mirror)) flipped++;
    }
    expect(flipped).toBeGreaterThan(10);
    expect(flipped).toBeLessThan(30);
  });

  it('flip_up_down: each result is the image or its exact vertical mirror', () => {
    const outs = SEEDS.map((seed) => augmented(image, shape, { flip_up_down: true }, seed));
    for (const out of outs) expect(sameAs(out, image) || sameAs(out, upsideDown)).toBe(true);
    expect(outs.some((out) => sameAs(out, upsideDown))).toBe(true);
  });

  it('[bug 13 fixed] a switch set to false (or 0) is off: nothing changes, unlike the original where presence turned it on', () => {
    for (const seed of SEEDS) {
      expect(augmented(image, shape, { flip_left_right: false, flip_up_down: false, rot90: false }, seed)).toEqual(image);
      expect(augmented(image, shape, { flip_left_right: 0, flip_up_down: 0, rot90: 0 }, seed)).toEqual(image);
    }
  });

  it('rot90 on a square image gives one of the four counter-clockwise turns (np.rot90), each of them seen', () => {
    const turns = [image];
    for (let k = 1; k < 4; k++) turns.push(remap(turns[k - 1] ?? image, shape, (y, x) => [x, 4 - y]));
    // Counter-clockwise: the top-right pixel moves to the top-left.
    expect(turns[1]?.[0]).toBe(image[4 * 3]);
    const seen = new Set<number>();
    for (const seed of SEEDS) {
      const out = augmented(image, shape, { rot90: true }, seed);
      const k = turns.findIndex((t) => sameAs(out, t));
      expect(k).toBeGreaterThanOrEqual(0);
      seen.add(k);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('orient turns k quarter turns counter-clockwise like np.rot90, after the flips', () => {
    const one = image.slice();
    orient(one, shape, false, false, 1);
    expect(one).toEqual(remap(image, shape, (y, x) => [x, 4 - y]));
    const three = image.slice();
    orient(three, shape, false, false, 3);
    expect(three).toEqual(remap(image, shape, (y, x) => [4 - x, y]));
    const flippedTurned = image.slice();
    orient(flippedTurned, shape, true, false, 1);
    expect(flippedTurned).toEqual(remap(mirror, shape, (y, x) => [x, 4 - y]));
    expect(() => orient(indexImage(shapeOf(2, 3, 1)), shapeOf(2, 3, 1), false, false, 1)).toThrow(RangeError);
  });

  it('rot90 on a non-square image only turns by 0 or 180 degrees, so the size never changes', () => {
    const wide = shapeOf(4, 6, 1);
    const img = indexImage(wide);
    const half = remap(img, wide, (y, x) => [3 - y, 5 - x]);
    let turned = 0;
    for (const seed of SEEDS) {
      const out = augmented(img, wide, { rot90: true }, seed);
      expect(out.length).toBe(img.length);
      expect(sameAs(out, img) || sameAs(out, half)).toBe(true);
      if (sameAs(out, half)) turned++;
    }
    expect(turned).toBeGreaterThan(0);
    expect(turned).toBeLessThan(SEEDS.length);
  });

  it('flips and rot90 together keep every pixel (all channels together) exactly', () => {
    const pixelKey = (img: Float32Array): string[] =>
      Array.from({ length: 25 }, (_, p) => `${img[p * 3]},${img[p * 3 + 1]},${img[p * 3 + 2]}`).sort();
    for (const seed of SEEDS.slice(0, 10)) {
      const out = augmented(image, shape, { flip_left_right: true, flip_up_down: true, rot90: true }, seed);
      expect(pixelKey(out)).toEqual(pixelKey(image));
    }
  });
});

describe('shear', () => {
  it('reflect fill follows TensorFlow (d c b a | a b c d | d c b a)', () => {
    expect([-1, -2, 5, 6, 2.5, -7].map((v) => reflectCoordinate(v, 5))).toEqual([0, 1, 4, 3, 2.5, 3]);
  });

  it('output (x, y) reads input (x + sx·y − W·sx/2, sy·x + y − H·sy/2) with reflect fill (hand-computed)', () => {
    const shape = shapeOf(4, 4, 1);
    const image = indexImage(shape);
    const out = image.slice();
    shear(out, shape, 1, 0);
    // Row 0 reads columns x − 2 → reflect: 1, 0, 0, 1. Row 3 reads x + 1 → 1, 2, 3, 3.
    expect(Array.from(out.subarray(0, 4))).toEqual([1, 0, 0, 1].map((x) => image[x]));
    expect(Array.from(out.subarray(12, 16))).toEqual([13, 14, 15, 15].map((i) => image[i]));
    const half = image.slice();
    shear(half, shapeOf(4, 4, 1), 0, 0.25); // column 2 reads rows y + 0.5 − 0.5 = y: unchanged
    for (let y = 0; y < 4; y++) expect(half[y * 4 + 2]).toBeCloseTo(image[y * 4 + 2] ?? NaN, 6);
    // Column 0 reads rows y − 0.5: row 0 reflects to 0 (edge repeated), row 1 averages rows 0 and 1.
    expect(half[0]).toBeCloseTo(image[0] ?? NaN, 6);
    expect(half[4]).toBeCloseTo(((image[0] ?? 0) + (image[4] ?? 0)) / 2, 6);
  });

  it('keeps a constant image constant and a noise image within its range, and moves pixels', () => {
    const shape = shapeOf(24, 24, 3);
    for (const seed of [1, 2, 3]) {
      const flat = augmented(constantImage(shape, 0.37), shape, { shear: 0.3 }, seed);
      expect(maxAbsDiff(flat, constantImage(shape, 0.37))).toBeLessThan(1e-6);
      const noise = noiseImage(shape, seed, 0.2, 0.8);
      const out = augmented(noise, shape, { shear: 0.3 }, seed);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0.2 - 1e-6);
      expect(Math.max(...out)).toBeLessThanOrEqual(0.8 + 1e-6);
      expect(maxAbsDiff(out, noise)).toBeGreaterThan(0.05);
    }
  });
});

describe('zoom_scale and center_zoom_scale', () => {
  it('zoom crops have area fraction in [s, 1], the aspect range and fit inside the image', () => {
    const rng = createRng(5);
    let partial = 0;
    const edges = { top: 0, bottom: 0, left: 0, right: 0 };
    for (let i = 0; i < 300; i++) {
      const box = sampleZoomCrop(40, 60, 0.25, rng);
      if (box.height < 40 && box.top === 0) edges.top++;
      if (box.height < 40 && box.top + box.height === 40) edges.bottom++;
      if (box.width < 60 && box.left === 0) edges.left++;
      if (box.width < 60 && box.left + box.width === 60) edges.right++;
      expect(box.height * box.width).toBeGreaterThanOrEqual(0.25 * 40 * 60);
      expect(box.top + box.height).toBeLessThanOrEqual(40);
      expect(box.left + box.width).toBeLessThanOrEqual(60);
      expect(box.width / box.height).toBeGreaterThanOrEqual((0.75 * 60) / 40 - 0.1);
      expect(box.width / box.height).toBeLessThanOrEqual(((4 / 3) * 60) / 40 + 0.1);
      if (box.height * box.width < 40 * 60) partial++;
    }
    expect(partial).toBeGreaterThan(250);
    // Uniform placement over every fitting position: crops touch each edge now and then, not always.
    for (const count of Object.values(edges)) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(100);
    }
  });

  it('keep a constant image constant and a noise image in [0, 1]', () => {
    const shape = shapeOf(32, 32, 3);
    for (const params of [{ zoom_scale: 0.2 }, { center_zoom_scale: 0.2 }]) {
      const flat = augmented(constantImage(shape, 0.61), shape, params, 9);
      expect(maxAbsDiff(flat, constantImage(shape, 0.61))).toBeLessThan(1e-5);
      const noise = noiseImage(shape, 4);
      const out = augmented(noise, shape, params, 9);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(maxAbsDiff(out, noise)).toBeGreaterThan(0.05);
    }
  });

  it('zoom_scale 1 and center_zoom_scale 1 leave the image as it is', () => {
    const shape = shapeOf(20, 30, 3);
    const noise = noiseImage(shape, 8);
    for (const seed of [1, 2, 3, 4]) {
      expect(maxAbsDiff(augmented(noise, shape, { zoom_scale: 1 }, seed), noise)).toBeLessThan(1e-6);
      expect(maxAbsDiff(augmented(noise, shape, { center_zoom_scale: 1 }, seed), noise)).toBeLessThan(1e-6);
    }
  });

  it('bicubic resize of a linear ramp stays the same ramp (half-pixel centres, Keys a = −0.5)', () => {
    const shape = shapeOf(8, 40, 1);
    const ramp = Float32Array.from({ length: 8 * 40 }, (_, i) => (i % 40) / 39);
    const box = { top: 2, left: 5, height: 4, width: 20 };
    cropResize(ramp, shape, box, RESIZE_METHODS.bicubic);
    for (let x = 0; x < 40; x++) {
      const loc = (x + 0.5) * (20 / 40) - 0.5; // source column inside the crop
      if (loc < 1 || loc > 20 - 2) continue; // border taps are renormalised
      for (let y = 0; y < 8; y++) expect(ramp[y * 40 + x]).toBeCloseTo((5 + loc) / 39, 5);
    }
  });

  it('center crop resize is corner-aligned bilinear (tf.image.crop_and_resize)', () => {
    const shape = shapeOf(4, 21, 1);
    const ramp = Float32Array.from({ length: 4 * 21 }, (_, i) => (i % 21) / 20);
    const z = 0.1;
    cropResize(ramp, shape, { top: z, left: z, height: 1 - 2 * z, width: 1 - 2 * z }, RESIZE_METHODS.boxBilinear);
    for (let x = 0; x < 21; x++) expect(ramp[21 + x]).toBeCloseTo(z + (x * (1 - 2 * z)) / 20, 5);
  });
});
