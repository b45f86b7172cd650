// The demo project: real MNIST digits written as PNG files, their pixels as a float32 feature map
// (N, 28, 28, 1), an image list and a ground-truth labels.csv, then `init` with classes zero…nine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { prepLabelTable, writeLabelsCsv } from '../../shared/csv/index.ts';
import { encodeNpy } from '../../shared/npy/index.ts';
import { createProject, type CreatedProject } from '../project/index.ts';
import { DIGIT_CLASSES, loadDigits, MNIST_SIDE } from './mnist-digits.ts';

/** Digits in a demo project unless asked otherwise. */
export const DEFAULT_DEMO_COUNT = 2000;
/** Sub-directory of the project holding the demo's source data. */
export const DEMO_DATA_DIR = 'data';
/** PNG files written concurrently. */
const PNG_CONCURRENCY = 16;

/** Options of buildDemoProject. */
export interface DemoOptions {
  /** Number of digits (default 2,000; at most the ~10,000 the mnist package holds). */
  readonly count?: number;
}

/** What buildDemoProject made. */
export interface DemoProject extends CreatedProject {
  /** Directory of the source data: images/, images.txt, features.npy, truth.csv. */
  readonly dataDir: string;
  /** True digit of each row (for simulated annotators and tests). */
  readonly truth: Uint8Array;
}

/**
 * Builds a demo project in `dir`: `data/images/digit-00000.png …`, `data/images.txt`,
 * `data/features.npy` (float32, (N, 28, 28, 1), pixel values in [0, 1]), `data/truth.csv` (every
 * row labelled, not imported), then creates the project with classes zero…nine, no labels yet.
 *
 * @example
 * const demo = await buildDemoProject('/tmp/demo', { count: 500 });
 */
export async function buildDemoProject(dir: string, options: DemoOptions = {}): Promise<DemoProject> {
  const samples = loadDigits(options.count ?? DEFAULT_DEMO_COUNT);
  const dataDir = join(dir, DEMO_DATA_DIR);
  const imageDir = join(dataDir, 'images');
  mkdirSync(imageDir, { recursive: true });
  const names = samples.map((_, row) => `images/digit-${String(row).padStart(5, '0')}.png`);
  const pixelCount = MNIST_SIDE * MNIST_SIDE;
  const features = new Float32Array(samples.length * pixelCount);
  samples.forEach((sample, row) => features.set(sample.pixels, row * pixelCount));
  for (let start = 0; start < samples.length; start += PNG_CONCURRENCY) {
    const batch = samples.slice(start, start + PNG_CONCURRENCY);
    await Promise.all(batch.map((sample, k) => writeDigitPng(join(dataDir, names[start + k] as string), sample.pixels)));
  }
  writeFileSync(join(dataDir, 'images.txt'), names.join('\n') + '\n');
  writeFileSync(join(dataDir, 'features.npy'), encodeNpy(features, [samples.length, MNIST_SIDE, MNIST_SIDE, 1]));
  const truth = Uint8Array.from(samples, (sample) => sample.digit);
  const frame = prepLabelTable(names, DIGIT_CLASSES);
  frame.table.labels.forEach((column, c) => column.forEach((_, row) => (column[row] = truth[row] === c ? 1 : 0)));
  writeFileSync(join(dataDir, 'truth.csv'), writeLabelsCsv(frame));
  const created = createProject({
    dir,
    images: join(dataDir, 'images.txt'),
    classes: DIGIT_CLASSES.join(','),
    features: join(dataDir, 'features.npy'),
  });
  return { ...created, dataDir, truth };
}

function writeDigitPng(path: string, pixels: readonly number[]): Promise<unknown> {
  const raw = Uint8Array.from(pixels, (value) => Math.round(Math.min(1, Math.max(0, value)) * 255));
  return sharp(raw, { raw: { width: MNIST_SIDE, height: MNIST_SIDE, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}
