// Stratified sampler (patchwork's `stratified_sample`): buckets per class × value over training
// rows, bucket probabilities by strategy, draws with replacement, labels with unlabelled → -1.
import type { LabelTable } from '../table/label-table.ts';
import type { Rng } from './random.ts';
import { randomInt } from './random.ts';

/** Sampling strategies of the Train tab. */
export const SAMPLING_STRATEGIES = ['class', 'instance', 'squareroot'] as const;
export type SamplingStrategy = (typeof SAMPLING_STRATEGIES)[number];

/** One non-empty bucket: the training rows where class `classIndex` has `value`. */
export interface SamplerBucket {
  classIndex: number;
  value: 0 | 1;
  rows: Int32Array;
}

/** Buckets and their probabilities, computed once per training run. */
export interface StratifiedSampler {
  buckets: SamplerBucket[];
  probabilities: Float64Array;
  /** Cumulative probabilities for drawing. */
  cumulative: Float64Array;
}

/** Thrown when no row is labelled for training (every bucket empty). */
export class NothingToTrainOnError extends Error {
  constructor() {
    super('nothing to train on: no labelled rows outside the excluded and validation sets');
    this.name = 'NothingToTrainOnError';
  }
}

/**
 * Builds the buckets over rows with exclude = 0 and validation = 0: for each class in column
 * order and value 0 then 1. Empty buckets are dropped. Throws NothingToTrainOnError when none is
 * left.
 */
export function createStratifiedSampler(table: LabelTable, strategy: SamplingStrategy = 'class'): StratifiedSampler {
  const buckets: SamplerBucket[] = [];
  for (let c = 0; c < table.classes.length; c++) {
    const labels = table.labels[c] as Int8Array;
    for (const value of [0, 1] as const) {
      const rows: number[] = [];
      for (let r = 0; r < table.rowCount; r++) {
        if (labels[r] === value && table.exclude[r] !== 1 && table.validation[r] !== 1) rows.push(r);
      }
      if (rows.length > 0) buckets.push({ classIndex: c, value, rows: Int32Array.from(rows) });
    }
  }
  if (buckets.length === 0) throw new NothingToTrainOnError();
  const weights = buckets.map((b) =>
    strategy === 'class' ? 1 : strategy === 'instance' ? b.rows.length : Math.sqrt(b.rows.length),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const probabilities = Float64Array.from(weights, (w) => w / total);
  const cumulative = new Float64Array(probabilities.length);
  let acc = 0;
  probabilities.forEach((p, i) => {
    acc += p;
    cumulative[i] = acc;
  });
  cumulative[cumulative.length - 1] = 1;
  return { buckets, probabilities, cumulative };
}

/** Probability that one draw returns each row (length rowCount). */
export function rowProbabilities(sampler: StratifiedSampler, rowCount: number): Float64Array {
  const out = new Float64Array(rowCount);
  sampler.buckets.forEach((b, i) => {
    const share = (sampler.probabilities[i] as number) / b.rows.length;
    for (const r of b.rows) out[r] = (out[r] as number) + share;
  });
  return out;
}

/** `count` independent draws with replacement: a bucket by probability, then a uniform row in it. */
export function drawRows(sampler: StratifiedSampler, count: number, rng: Rng): Int32Array {
  const out = new Int32Array(count);
  const { cumulative, buckets } = sampler;
  for (let i = 0; i < count; i++) {
    const u = rng();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    const rows = (buckets[lo] as SamplerBucket).rows;
    out[i] = rows[randomInt(rng, rows.length)] as number;
  }
  return out;
}

/** Row-major (rows.length × C) label matrix of the given rows; unlabelled stays -1. */
export function labelMatrix(table: LabelTable, rows: ArrayLike<number>): Float32Array {
  const C = table.classes.length;
  const out = new Float32Array(rows.length * C);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    for (let c = 0; c < C; c++) out[i * C + c] = (table.labels[c] as Int8Array)[r] as number;
  }
  return out;
}

/** Rows with validation = 1 (excluded ones included, as the original's validation set). */
export function validationRows(table: LabelTable): Int32Array {
  const rows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (table.validation[r] === 1) rows.push(r);
  return Int32Array.from(rows);
}

/** Rows with validation = 0 (the FixMatch unlabelled pool: labelled rows included). */
export function nonValidationRows(table: LabelTable): Int32Array {
  const rows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (table.validation[r] !== 1) rows.push(r);
  return Int32Array.from(rows);
}

/** Counts used in run records: labelled training rows and validation rows. */
export function splitCounts(table: LabelTable): { training: number; validation: number } {
  let training = 0;
  let validation = 0;
  for (let r = 0; r < table.rowCount; r++) {
    if (table.validation[r] === 1) {
      validation++;
      continue;
    }
    if (table.exclude[r] === 1) continue;
    if (table.labels.some((l) => l[r] !== -1)) training++;
  }
  return { training, validation };
}

/** Every row the sampler can draw (the union of its buckets), ascending. */
export function samplerRows(sampler: StratifiedSampler): Int32Array {
  const seen = new Set<number>();
  for (const bucket of sampler.buckets) for (const row of bucket.rows) seen.add(row);
  return Int32Array.from([...seen].sort((a, b) => a - b));
}
