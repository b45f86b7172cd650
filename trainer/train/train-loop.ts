// The training loop (behaviour reference §4): stratified batches, Adam or momentum with cosine
// decay in steps, masked supervised loss + weight decay + FixMatch, validation loss per epoch,
// early stop, cancel through an AbortSignal, progress at most once a second, seeded throughout.
import * as tf from '@tensorflow/tfjs';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { TrainOptions } from '../../shared/training/train-options.ts';
import type { LossCurves, RunStatus } from '../../shared/training/run-record.ts';
import { createRng, randomInt, randomSeed } from '../../shared/training/random.ts';
import type { Rng } from '../../shared/training/random.ts';
import { createStratifiedSampler, drawRows, labelMatrix, nonValidationRows, validationRows } from '../../shared/training/sampler.ts';
import { learningRateAt, updateEarlyStop } from '../../shared/training/schedule.ts';
import type { EarlyStopState } from '../../shared/training/schedule.ts';
import { fixMatchTargets } from '../../shared/training/fixmatch.ts';
import { strongAugment, weakAugment } from '../../shared/training/feature-augment.ts';
import { mapShapeOf } from '../data/features.ts';
import type { FeatureSet } from '../data/features.ts';
import { decayedKernels, dropoutLayers } from '../models/build.ts';
import type { BuiltModel } from '../models/build.ts';
import { fixMatchLoss, l2Penalty } from '../models/losses.ts';
import { batchTensor, createBatchBuffer, fillBatch } from './batches.ts';
import { createOptimizer } from './optimizer.ts';

/** Minimum time between two progress reports (ms). */
export const PROGRESS_INTERVAL_MS = 1000;

/** A progress report. */
export interface TrainProgress {
  step: number;
  total: number;
  epoch: number;
  /** Latest supervised loss. */
  loss: number;
  etaMs: number;
  message: string;
}

/** Callbacks and clock of one run. */
export interface TrainHooks {
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
  /** Millisecond clock for ETA and throttling (default performance.now). */
  now?: () => number;
}

/** What a training run produced (predictions are made separately). */
export interface TrainResult {
  status: Exclude<RunStatus, 'failed'>;
  steps: number;
  epochs: number;
  loss: LossCurves;
  durationMs: number;
  samplesPerSecond: number;
}

/** The data one run trains on. `data` is the pooled set when the model is pooled up front. */
export interface TrainData {
  data: FeatureSet;
  table: LabelTable;
}

/** Hands control back to the event loop so sockets and timers run during training. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Mean of per-batch mean losses over the validation rows (NaN when there are none). */
export async function validationLoss(model: BuiltModel, { data, table }: TrainData, batchSize: number, signal?: AbortSignal): Promise<number> {
  const rows = validationRows(table);
  if (rows.length === 0) return Number.NaN;
  const buffer = createBatchBuffer(data, batchSize);
  let sum = 0;
  let batches = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    if (signal?.aborted) return Number.NaN;
    const batchRows = rows.subarray(start, Math.min(rows.length, start + batchSize));
    const x = fillBatch(buffer, batchRows);
    const y = labelMatrix(table, batchRows);
    const loss = tf.tidy(() => {
      const p = model.trainModel.apply(batchTensor(x, batchRows.length, data.rowShape), { training: false }) as tf.Tensor;
      return model.loss(tf.tensor2d(y, [batchRows.length, model.classCount]), p);
    });
    sum += (await loss.data())[0] as number;
    loss.dispose();
    batches++;
    await yieldToEventLoop();
  }
  return sum / batches;
}

/** Endless shuffled passes over the non-validation rows (FixMatch's unlabelled stream). */
function createUnlabelledStream(table: LabelTable, rng: Rng): (count: number) => Int32Array {
  const pool = nonValidationRows(table);
  let order = pool.slice();
  let at = order.length;
  return (count) => {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      if (at >= order.length) {
        order = pool.slice();
        for (let k = order.length - 1; k > 0; k--) {
          const j = randomInt(rng, k + 1);
          const t = order[k] as number;
          order[k] = order[j] as number;
          order[j] = t;
        }
        at = 0;
      }
      out[i] = order[at++] as number;
    }
    return out;
  };
}

/**
 * Trains `model` in place from its current weights. Throws NothingToTrainOnError when no row is
 * labelled for training. Resolves with status `cancelled` when the signal aborts (between steps),
 * `early-stopped` when the early-stop rule fires.
 */
export async function trainModel(model: BuiltModel, input: TrainData, options: TrainOptions, hooks: TrainHooks = {}): Promise<TrainResult> {
  const { data, table } = input;
  const now = hooks.now ?? (() => performance.now());
  const sampler = createStratifiedSampler(table, options.sampling);
  const rng = createRng(options.seed);
  const C = model.classCount;
  const B = options.batchSize;
  const semi = model.spec.semiSupervised;
  const useFixMatch = semi.lambda > 0;
  const unlabelledCount = B * semi.mu;
  const nextUnlabelled = useFixMatch ? createUnlabelledStream(table, rng) : null;
  const mapShape = mapShapeOf(data);
  const buffer = createBatchBuffer(data, B);
  const weakBuffer = useFixMatch ? createBatchBuffer(data, unlabelledCount) : null;
  const strongBuffer = useFixMatch ? createBatchBuffer(data, unlabelledCount) : null;
  const kernels = decayedKernels(model).map((w) => w.read());
  const dropouts = dropoutLayers(model);
  const vars = model.trainModel.trainableWeights.map((w) => w.read() as tf.Variable);
  const total = options.batchesPerEpoch * options.epochs;
  const opt = createOptimizer(options.optimizer, options.learningRate);
  const loss: LossCurves = { supervised: [], semisupervised: [], validation: [], validationStep: [] };
  const started = now();
  let lastReport = -Infinity;
  let step = 0;
  let epoch = 0;
  let status: TrainResult['status'] = 'done';
  let stopState: EarlyStopState = { stale: 0, stop: false };
  const validationHistory: number[] = [];
  const report = (message: string, force = false): void => {
    const t = now();
    if (!hooks.onProgress || (!force && t - lastReport < PROGRESS_INTERVAL_MS)) return;
    lastReport = t;
    const etaMs = step > 0 ? ((t - started) / step) * (total - step) : 0;
    hooks.onProgress({ step, total, epoch, loss: loss.supervised[loss.supervised.length - 1] ?? Number.NaN, etaMs, message });
  };
  try {
    outer: for (epoch = 0; epoch < options.epochs; epoch++) {
      for (let b = 0; b < options.batchesPerEpoch; b++) {
        if (hooks.signal?.aborted) {
          status = 'cancelled';
          break outer;
        }
        const rows = drawRows(sampler, B, rng);
        const x = fillBatch(buffer, rows);
        const y = labelMatrix(table, rows);
        let targets: { pseudoLabels: Float32Array; mask: Float32Array } | null = null;
        let strong: Float32Array | null = null;
        if (nextUnlabelled && weakBuffer && strongBuffer) {
          const urows = nextUnlabelled(unlabelledCount);
          const weak = fillBatch(weakBuffer, urows);
          strong = fillBatch(strongBuffer, urows);
          weakAugment(weak, urows.length, mapShape, rng);
          strongAugment(strong, urows.length, mapShape, rng);
          for (const d of dropouts) (d as unknown as { seed?: number }).seed = randomSeed(rng);
          // Pseudo-labels come from the weak view, in training mode, outside the gradient.
          const pWeak = tf.tidy(() => model.trainModel.apply(batchTensor(weak, urows.length, data.rowShape), { training: true }) as tf.Tensor);
          targets = fixMatchTargets(await pWeak.data(), semi.tau);
          pWeak.dispose();
        }
        for (const d of dropouts) (d as unknown as { seed?: number }).seed = randomSeed(rng);
        opt.setLearningRate(learningRateAt(step, options.learningRate, options.lrDecay, total));
        const held: { sup: tf.Scalar | null; semi: tf.Scalar | null } = { sup: null, semi: null };
        const cost = tf.tidy((): tf.Scalar => {
          const xT = batchTensor(x, rows.length, data.rowShape);
          const yT = tf.tensor2d(y, [rows.length, C]);
          const strongT = strong && targets ? batchTensor(strong, unlabelledCount, data.rowShape) : null;
          const pseudo = targets ? tf.tensor2d(targets.pseudoLabels, [unlabelledCount, C]) : null;
          const mask = targets ? tf.tensor2d(targets.mask, [unlabelledCount, C]) : null;
          return opt.optimizer.minimize(() => {
            const p = model.trainModel.apply(xT, { training: true }) as tf.Tensor;
            const sup = model.loss(yT, p);
            held.sup = tf.keep(sup.clone());
            let totalLoss: tf.Scalar = sup;
            if (model.spec.weightDecay > 0 && kernels.length > 0) totalLoss = tf.add(totalLoss, tf.mul(l2Penalty(kernels), model.spec.weightDecay));
            if (strongT && pseudo && mask) {
              const pStrong = model.trainModel.apply(strongT, { training: true }) as tf.Tensor;
              const fm = fixMatchLoss(pseudo, mask, pStrong);
              held.semi = tf.keep(fm.clone());
              totalLoss = tf.add(totalLoss, tf.mul(fm, semi.lambda));
            }
            return totalLoss;
          }, true, vars) ?? tf.scalar(0);
        });
        cost.dispose();
        const supValue = held.sup ? ((await held.sup.data())[0] as number) : Number.NaN;
        const semiValue = held.semi ? ((await held.semi.data())[0] as number) : 0;
        held.sup?.dispose();
        held.semi?.dispose();
        loss.supervised.push(supValue);
        loss.semisupervised.push(semiValue);
        step++;
        report(`training (${epoch + 1} / ${options.epochs})`);
        await yieldToEventLoop();
      }
      const v = await validationLoss(model, input, B, hooks.signal);
      if (hooks.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      validationHistory.push(v);
      loss.validation.push(Number.isNaN(v) ? null : v);
      loss.validationStep.push(loss.supervised.length);
      stopState = updateEarlyStop(stopState, validationHistory, options.abortAfter);
      if (stopState.stop) {
        status = 'early-stopped';
        epoch++;
        break;
      }
    }
  } finally {
    opt.dispose();
    for (const d of dropouts) (d as unknown as { seed?: number }).seed = undefined;
  }
  const durationMs = now() - started;
  report(status === 'done' ? 'trained' : status, true);
  return {
    status,
    steps: step,
    epochs: Math.min(epoch, options.epochs),
    loss,
    durationMs,
    samplesPerSecond: durationMs > 0 ? (step * B * 1000) / durationMs : 0,
  };
}
