// The training loop (behaviour reference §4): stratified batches, Adam or momentum with cosine
// decay in steps, masked supervised loss + weight decay + FixMatch, validation loss per epoch,
// early stop, cancel through an AbortSignal, progress at most once a second, seeded throughout.
import * as tf from '@tensorflow/tfjs';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { TrainOptions } from '../../shared/training/train-options.ts';
import type { LossCurves, RunStatus } from '../../shared/training/run-record.ts';
import { createRng, randomSeed } from '../../shared/training/random.ts';
import { createStratifiedSampler, drawRows, labelMatrix, samplerRows, validationRows } from '../../shared/training/sampler.ts';
import { learningRateAt, updateEarlyStop } from '../../shared/training/schedule.ts';
import type { EarlyStopState } from '../../shared/training/schedule.ts';
import { fixMatchTargets } from '../../shared/training/fixmatch.ts';
import type { FeatureSet } from '../data/features.ts';
import { decayedKernels, dropoutLayers } from '../models/build.ts';
import type { BuiltModel } from '../models/build.ts';
import { fixMatchLoss, l2Penalty } from '../models/losses.ts';
import { batchTensor, createBatchBuffer, fillBatch } from './batches.ts';
import { createOptimizer } from './optimizer.ts';
import { createFeatureInputs, createUnlabelledStream } from './train-inputs.ts';
import type { AugmentationKind, FineTuning, FixMatchViews, TrainInputs } from './train-inputs.ts';

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
  /** How the training batches were augmented. */
  augmentation: AugmentationKind;
  /** Whether the extractor's weights were trained (its cached features are then stale). */
  fineTunedExtractor: boolean;
}

/**
 * The data one run trains on. `data` is the pooled set when the model is pooled up front; it is
 * used for validation, and for training unless `inputs` (e.g. augmented images) is given.
 */
export interface TrainData {
  data: FeatureSet;
  table: LabelTable;
  inputs?: TrainInputs;
}

/** Hands control back to the event loop so sockets and timers run during training. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Mean of per-batch mean losses over the validation rows (NaN when there are none). */
export async function validationLoss(
  model: BuiltModel,
  { data, table }: TrainData,
  batchSize: number,
  signal?: AbortSignal,
  fineTuning: FineTuning | null = null,
): Promise<number> {
  const rows = validationRows(table);
  if (rows.length === 0) return Number.NaN;
  const buffer = createBatchBuffer(data, batchSize);
  let sum = 0;
  let batches = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    if (signal?.aborted) return Number.NaN;
    const batchRows = rows.subarray(start, Math.min(rows.length, start + batchSize));
    // While the extractor is fine-tuned, the cached features are stale: run it on the images.
    const x = fineTuning ? await fineTuning.features(batchRows, signal) : fillBatch(buffer, batchRows);
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

/** One step's rows and its requested inputs. */
interface StepBatch {
  rows: Int32Array;
  x: Promise<Float32Array>;
  urows: Int32Array | null;
  views: Promise<FixMatchViews> | null;
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
  const inputs = input.inputs ?? createFeatureInputs(data, B, unlabelledCount, useFixMatch);
  let kernels = decayedKernels(model).map((w) => w.read());
  let dropouts = dropoutLayers(model);
  let vars = model.trainModel.trainableWeights.map((w) => w.read() as tf.Variable);
  const total = options.batchesPerEpoch * options.epochs;
  let opt = createOptimizer(options.optimizer, options.learningRate);
  /** Set once the extractor is trained too (options.fineTuneAfter); the schedule restarts then. */
  let fineTuning: FineTuning | null = null;
  let scheduleStart = 0;
  const lift = (t: tf.Tensor, training: boolean): tf.Tensor => (fineTuning ? fineTuning.lift(t, training) : t);
  /** Draws a step's rows and asks the inputs for its batch (and FixMatch views). */
  const requestBatch = (): StepBatch => {
    const rows = drawRows(sampler, B, rng);
    const x = inputs.supervised(rows, rng, hooks.signal);
    const urows = nextUnlabelled ? nextUnlabelled(unlabelledCount) : null;
    const views = urows ? inputs.views(urows, rng, hooks.signal) : null;
    // An abandoned batch (cancel, early stop) must not become an unhandled rejection.
    x.catch(() => undefined);
    views?.catch(() => undefined);
    return { rows, x, urows, views };
  };
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
    await inputs.prepare?.(samplerRows(sampler), (message) => hooks.onProgress?.({ step: 0, total, epoch: 0, loss: Number.NaN, etaMs: 0, message }), hooks.signal);
    outer: for (epoch = 0; epoch < options.epochs; epoch++) {
      if (epoch === options.fineTuneAfter && inputs.startFineTuning && !fineTuning) {
        // As the original: a new training step over more variables, with a new optimiser.
        fineTuning = inputs.startFineTuning();
        vars = [...vars, ...fineTuning.variables];
        kernels = [...kernels, ...fineTuning.kernels];
        dropouts = [...dropouts, ...fineTuning.dropouts];
        opt.dispose();
        opt = createOptimizer(options.optimizer, options.learningRate);
        scheduleStart = step;
        report('updating training step: fine-tuning the feature extractor', true);
      }
      const rowShape = fineTuning ? fineTuning.rowShape : data.rowShape;
      let ahead: StepBatch | null = null;
      for (let b = 0; b < options.batchesPerEpoch; b++) {
        if (hooks.signal?.aborted) {
          status = 'cancelled';
          break outer;
        }
        const batch = ahead ?? requestBatch();
        // Pipelined inputs prepare the next step's batch meanwhile: its images are augmented on
        // worker threads while this step's run through the extractor and train.
        ahead = inputs.pipelined && b + 1 < options.batchesPerEpoch ? requestBatch() : null;
        const rows = batch.rows;
        const x = await batch.x;
        const views = batch.views ? await batch.views : null;
        const y = labelMatrix(table, rows);
        let targets: { pseudoLabels: Float32Array; mask: Float32Array } | null = null;
        let strong: Float32Array | null = null;
        if (views) {
          const urows = batch.urows as Int32Array;
          const weak = views.weak;
          strong = views.strong;
          for (const d of dropouts) (d as unknown as { seed?: number }).seed = randomSeed(rng);
          // Pseudo-labels come from the weak view, in training mode, outside the gradient.
          const pWeak = tf.tidy(() => model.trainModel.apply(lift(batchTensor(weak, urows.length, rowShape), true), { training: true }) as tf.Tensor);
          targets = fixMatchTargets(await pWeak.data(), semi.tau);
          pWeak.dispose();
        }
        for (const d of dropouts) (d as unknown as { seed?: number }).seed = randomSeed(rng);
        opt.setLearningRate(learningRateAt(step - scheduleStart, options.learningRate, options.lrDecay, total));
        const held: { sup: tf.Scalar | null; semi: tf.Scalar | null } = { sup: null, semi: null };
        const cost = tf.tidy((): tf.Scalar => {
          const xT = batchTensor(x, rows.length, rowShape);
          const yT = tf.tensor2d(y, [rows.length, C]);
          const strongT = strong && targets ? batchTensor(strong, unlabelledCount, rowShape) : null;
          const pseudo = targets ? tf.tensor2d(targets.pseudoLabels, [unlabelledCount, C]) : null;
          const mask = targets ? tf.tensor2d(targets.mask, [unlabelledCount, C]) : null;
          return opt.optimizer.minimize(() => {
            const p = model.trainModel.apply(lift(xT, true), { training: true }) as tf.Tensor;
            const sup = model.loss(yT, p);
            held.sup = tf.keep(sup.clone());
            let totalLoss: tf.Scalar = sup;
            if (model.spec.weightDecay > 0 && kernels.length > 0) totalLoss = tf.add(totalLoss, tf.mul(l2Penalty(kernels), model.spec.weightDecay));
            if (strongT && pseudo && mask) {
              const pStrong = model.trainModel.apply(lift(strongT, true), { training: true }) as tf.Tensor;
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
      const v = await validationLoss(model, input, B, hooks.signal, fineTuning);
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
  } catch (error) {
    // A cancel that lands while images load or run through the extractor ends the run quietly.
    if (!hooks.signal?.aborted) throw error;
    status = 'cancelled';
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
    augmentation: inputs.augmentation,
    fineTunedExtractor: fineTuning !== null,
  };
}
