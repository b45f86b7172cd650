// Benchmark of the image augmentations (run: npx tsx bench/augment/run.ts [--quick]): ms per
// 256×256×3 image for the default and strong settings and for each operation alone, with ratios
// against a copy+clip pass and a naive per-pixel-allocating saturation measured in the same run.
import sharp from 'sharp';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../shared/training/random.ts';
import type { AugmentOperation, AugmentParams } from '../../shared/training/image-augment/index.ts';
import { AUGMENT_OPERATIONS, DEFAULT_AUGMENT_PARAMS, DEFAULT_STRONG_IMAGE_AUGMENT, SWITCH_OPERATIONS, augmentBatch } from '../../shared/training/image-augment/index.ts';

/** Median and fastest round, ms per image. */
interface Timing {
  median: number;
  best: number;
}

const QUICK = process.argv.includes('--quick');
const SIZE = 256;
const SHAPE = { height: SIZE, width: SIZE, channels: 3 };
const COUNT = 48;
const ROUNDS = QUICK ? 2 : 6;
const EMOJI_DIR = fileURLToPath(new URL('../../node_modules/emoji-datasource-google/img/google/64/', import.meta.url));

/** 48 real images: emoji PNGs flattened on white and upscaled to 256×256. */
async function loadImages(): Promise<Float32Array> {
  const names = readdirSync(EMOJI_DIR).filter((n) => n.endsWith('.png')).slice(200, 200 + COUNT);
  const batch = new Float32Array(COUNT * SIZE * SIZE * 3);
  for (const [i, name] of names.entries()) {
    const raw = await sharp(join(EMOJI_DIR, name)).flatten({ background: '#ffffff' }).resize(SIZE, SIZE).removeAlpha().raw().toBuffer();
    for (let j = 0; j < raw.length; j++) batch[i * raw.length + j] = (raw[j] ?? 0) / 255;
  }
  return batch;
}

/** Median and best ms per image of `fn` run over a fresh copy of the batch. */
function time(source: Float32Array, fn: (batch: Float32Array) => void): Timing {
  const work = new Float32Array(source.length);
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    work.set(source);
    const start = performance.now();
    fn(work);
    const ms = (performance.now() - start) / COUNT;
    if (r > 0) samples.push(ms); // first round warms the JIT
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? 0, best: samples[0] ?? 0 };
}

const IMAGE_VALUES = SIZE * SIZE * 3;
const copyBuffer = new Float32Array(IMAGE_VALUES);

/** The floor: per image, copy into a reused buffer and clip back (what any augmentation must at least do). */
function copyClip(batch: Float32Array): void {
  for (let b = 0; b < COUNT; b++) {
    const image = batch.subarray(b * IMAGE_VALUES, (b + 1) * IMAGE_VALUES);
    copyBuffer.set(image);
    for (let i = 0; i < IMAGE_VALUES; i++) {
      const v = copyBuffer[i] ?? 0;
      image[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
}

/** The naive way: one array per pixel for HSV and back. */
function naiveSaturation(batch: Float32Array): void {
  for (let i = 0; i < batch.length; i += 3) {
    const rgb = [batch[i] ?? 0, batch[i + 1] ?? 0, batch[i + 2] ?? 0];
    const v = Math.max(...rgb);
    const range = v - Math.min(...rgb);
    const hsv = [0, v > 0 ? range / v : 0, v];
    const mean = rgb.reduce((a, b) => a + b, 0) / 3;
    const out = rgb.map((x) => (hsv[1] ?? 0) > 0 ? mean + (x - mean) * 1.05 : x);
    batch.set(out, i);
  }
}

const images = await loadImages();
const rows: Array<[string, Timing]> = [];
const baseline = time(images, copyClip);
rows.push(['baseline: copy + clip', baseline]);
rows.push(['baseline: naive per-pixel-array saturation', time(images, naiveSaturation)]);
const run = (params: AugmentParams) => (batch: Float32Array) => augmentBatch(batch, COUNT, SHAPE, params, createRng(7));
rows.push(['DEFAULT_AUGMENT_PARAMS', time(images, run(DEFAULT_AUGMENT_PARAMS))]);
rows.push(['DEFAULT_STRONG_IMAGE_AUGMENT', time(images, run(DEFAULT_STRONG_IMAGE_AUGMENT))]);
for (const op of AUGMENT_OPERATIONS) {
  const value = SWITCH_OPERATIONS.includes(op) ? true : ['shear', 'zoom_scale', 'center_zoom_scale', 'jitter'].includes(op) ? 0.25 : 1;
  const params: Partial<Record<AugmentOperation, number | boolean>> = { [op]: value };
  rows.push([`${op} = ${String(value)} alone`, time(images, run(params))]);
}

console.log(`image augmentation, ${SIZE}×${SIZE}×3, batches of ${COUNT}, ${ROUNDS} rounds (ms per image; ratio of medians)`);
console.log(`${'case'.padEnd(46)} ${'median'.padStart(8)} ${'best'.padStart(8)} ${'× copy+clip'.padStart(12)}`);
for (const [name, t] of rows) {
  console.log(`${name.padEnd(46)} ${t.median.toFixed(3).padStart(8)} ${t.best.toFixed(3).padStart(8)} ${(t.median / baseline.median).toFixed(1).padStart(12)}`);
}
