// A trainer session over one feature set: keeps the built model between runs (training
// continues from the current weights until the model spec changes or a rebuild is asked for),
// caches features pooled up front, and turns one run into predictions, metrics and a RunRecord.
import * as tf from '@tensorflow/tfjs';
import { hostname } from 'node:os';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { ModelSpec, PoolingType } from '../../shared/training/model-spec.ts';
import type { TrainOptions } from '../../shared/training/train-options.ts';
import type { RunRecord } from '../../shared/training/run-record.ts';
import { splitCounts } from '../../shared/training/sampler.ts';
import { classHistograms } from '../../shared/metrics/histogram.ts';
import type { FeatureSet } from '../data/features.ts';
import { poolFeatures } from '../data/pool.ts';
import { buildModel } from '../models/build.ts';
import type { BuiltModel } from '../models/build.ts';
import { saveModelToBytes } from '../models/memory-io.ts';
import type { SavedModelBytes } from '../models/memory-io.ts';
import { predictAll } from './predict.ts';
import { trainModel } from './train-loop.ts';
import type { TrainProgress } from './train-loop.ts';
import { createImageInputs } from './image-inputs.ts';
import { createExtractorState } from './extractor-state.ts';
import type { LiveExtractor } from './image-inputs.ts';
import type { TrainInputs } from './train-inputs.ts';

/** One run request. */
export interface RunRequest {
  runId: string;
  jobId?: string;
  table: LabelTable;
  labelVersion: number;
  model: ModelSpec;
  training: TrainOptions;
  /** Start from fresh weights even when the spec is unchanged. */
  rebuild?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
  /** Wall clock for the record's timestamps (default Date.now). */
  wallClock?: () => number;
}

/** What a run produced. Predictions and model bytes are null when the run did not finish. */
export interface RunOutcome {
  record: RunRecord;
  predictions: Float32Array | null;
  model: SavedModelBytes | null;
}

/** A trainer session (see createTrainerSession). */
export interface TrainerSession {
  readonly features: FeatureSet;
  /** The current model, or null before the first build. */
  current(): BuiltModel | null;
  /** Builds a fresh model (disposing the old one). */
  build(spec: ModelSpec, classCount: number, seed: number): BuiltModel;
  /** Trains (building first when needed), predicts and measures. */
  run(request: RunRequest): Promise<RunOutcome>;
  /** Predicts every row with the current model (null when there is none or on abort). */
  predict(batchSize: number, signal?: AbortSignal): Promise<Float32Array | null>;
  /** Frees the model. */
  dispose(): void;
}

/** Images → probabilities: the (fine-tuned) extractor followed by the full model, for export. */
function withExtractor(live: LiveExtractor, m: BuiltModel): tf.LayersModel {
  const extractor = live.extractor.model as tf.LayersModel;
  const maps = extractor.outputs[0] as tf.SymbolicTensor;
  return tf.model({ inputs: extractor.inputs, outputs: m.full.apply(maps) as tf.SymbolicTensor, name: 'full_with_extractor' });
}

/** Name reported in run records (host name plus the process id). */
export function trainerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Image-augmented inputs when the trainer has a live extractor and the options ask for image
 * augmentation; undefined (plain feature rows) otherwise.
 */
function liveInputs(live: LiveExtractor | null, m: BuiltModel, data: FeatureSet, training: TrainOptions): TrainInputs | undefined {
  const fixMatch = m.spec.semiSupervised.lambda > 0;
  if (training.fineTuneAfter >= 0 && live?.extractor.kind !== 'layers') {
    throw new Error(live ? 'the feature extractor is a GraphModel, which cannot be fine-tuned; set "fine-tune after" to −1' : 'fine-tuning the feature extractor needs a trainer started with --extractor <model.json>; set "fine-tune after" to −1');
  }
  const images = training.augment !== false || (fixMatch && training.strongAugment !== false) || training.fineTuneAfter >= 0;
  if (!live || !images) return undefined;
  return createImageInputs({
    live,
    features: data,
    pooling: m.pooledUpFront,
    augment: training.augment,
    strongAugment: fixMatch ? training.strongAugment : false,
    batchSize: training.batchSize,
    unlabelledCount: fixMatch ? training.batchSize * m.spec.semiSupervised.mu : 0,
  });
}

/**
 * Creates a session over `features` (rows in image order). With `live` (a trainer started with
 * --extractor), training batches are augmented images run through the extractor.
 */
export function createTrainerSession(features: FeatureSet, name: string = trainerName(), live: LiveExtractor | null = null): TrainerSession {
  let model: BuiltModel | null = null;
  let lastRunId: string | undefined;
  const extractorState = createExtractorState(features, live);
  const pooled = new Map<PoolingType, FeatureSet>();
  let pooledFrom = features;
  const dataFor = (m: BuiltModel, source: FeatureSet): FeatureSet => {
    if (m.pooledUpFront === null) return source;
    if (pooledFrom !== source) pooled.clear();
    pooledFrom = source;
    let set = pooled.get(m.pooledUpFront);
    if (!set) {
      set = poolFeatures(source, m.pooledUpFront);
      pooled.set(m.pooledUpFront, set);
    }
    return set;
  };
  const build = (spec: ModelSpec, classCount: number, seed: number): BuiltModel => {
    model?.dispose();
    model = null;
    lastRunId = undefined;
    extractorState.reset();
    model = buildModel(spec, features.rowShape, classCount, seed);
    return model;
  };
  /** Re-extraction progress as run progress (at most every 5 %). */
  const reextractProgress = (request: RunRequest) => {
    let last = -1;
    return (done: number, total: number): void => {
      const pct = Math.floor((20 * done) / total);
      if (pct === last) return;
      last = pct;
      request.onProgress?.({ step: 0, total: 0, epoch: 0, loss: Number.NaN, etaMs: 0, message: `re-extracting features with the fine-tuned extractor (${done} / ${total})` });
    };
  };
  return {
    get features() {
      return extractorState.current;
    },
    current: () => model,
    build,
    async run(request) {
      const { table, training } = request;
      const wall = request.wallClock ?? Date.now;
      const startedAt = wall();
      if (table.rowCount !== features.count) {
        throw new Error(`the label table has ${table.rowCount} rows but the features have ${features.count}`);
      }
      const C = table.classes.length;
      const sameSpec = model !== null && model.classCount === C && JSON.stringify(model.spec) === JSON.stringify(request.model);
      const continuedFrom = sameSpec && !request.rebuild ? lastRunId : undefined;
      const m = sameSpec && !request.rebuild && model ? model : build(request.model, C, training.seed);
      let data = dataFor(m, await extractorState.fresh(request.signal, reextractProgress(request)));
      const inputs = liveInputs(live, m, data, training);
      const result = await trainModel(m, { data, table, ...(inputs ? { inputs } : {}) }, training, { signal: request.signal, onProgress: request.onProgress });
      if (result.fineTunedExtractor) extractorState.markTuned();
      let predictions: Float32Array | null = null;
      if (result.status === 'done' && training.updatePredictions) {
        try {
          data = dataFor(m, await extractorState.fresh(request.signal, reextractProgress(request)));
          predictions = await predictAll(m, data, training.predictionBatchSize, request.signal);
        } catch (error) {
          if (!request.signal?.aborted) throw error;
        }
      }
      const histograms = predictions ? classHistograms(table, predictions) : [];
      const saved = result.status === 'done' ? await saveModelToBytes(extractorState.tuned && live ? withExtractor(live, m) : m.full) : null;
      lastRunId = request.runId;
      const record: RunRecord = {
        runId: request.runId,
        ...(request.jobId !== undefined ? { jobId: request.jobId } : {}),
        status: predictions === null && result.status === 'done' && training.updatePredictions ? 'cancelled' : result.status,
        startedAt,
        finishedAt: wall(),
        labelVersion: request.labelVersion,
        classes: [...table.classes],
        featureShape: [...features.rowShape],
        rowCount: features.count,
        config: { model: request.model, training },
        ...(continuedFrom !== undefined ? { continuedFrom } : {}),
        trainer: { name, machine: hostname(), backend: tf.getBackend(), tfjsVersion: tf.version.tfjs },
        params: m.params,
        counts: splitCounts(table),
        steps: result.steps,
        samplesPerSecond: result.samplesPerSecond,
        augmentation: result.augmentation,
        ...(extractorState.tuned ? { fineTunedExtractor: true } : {}),
        loss: result.loss,
        metrics: histograms.map((h) => ({ className: h.className, train: h.train, val: h.val })),
        histograms,
        outputs: {},
      };
      return { record, predictions, model: saved };
    },
    async predict(batchSize, signal) {
      if (!model) return null;
      return predictAll(model, dataFor(model, await extractorState.fresh(signal)), batchSize, signal);
    },
    dispose() {
      model?.dispose();
      model = null;
      extractorState.dispose();
    },
  };
}
