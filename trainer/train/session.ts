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

/** Name reported in run records (host name plus the process id). */
export function trainerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** Creates a session over `features` (rows in image order). */
export function createTrainerSession(features: FeatureSet, name: string = trainerName()): TrainerSession {
  let model: BuiltModel | null = null;
  let lastRunId: string | undefined;
  const pooled = new Map<PoolingType, FeatureSet>();
  const dataFor = (m: BuiltModel): FeatureSet => {
    if (m.pooledUpFront === null) return features;
    let set = pooled.get(m.pooledUpFront);
    if (!set) {
      set = poolFeatures(features, m.pooledUpFront);
      pooled.set(m.pooledUpFront, set);
    }
    return set;
  };
  const build = (spec: ModelSpec, classCount: number, seed: number): BuiltModel => {
    model?.dispose();
    model = null;
    lastRunId = undefined;
    model = buildModel(spec, features.rowShape, classCount, seed);
    return model;
  };
  return {
    features,
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
      const data = dataFor(m);
      const result = await trainModel(m, { data, table }, training, { signal: request.signal, onProgress: request.onProgress });
      let predictions: Float32Array | null = null;
      if (result.status === 'done' && training.updatePredictions) {
        predictions = await predictAll(m, data, training.predictionBatchSize, request.signal);
      }
      const histograms = predictions ? classHistograms(table, predictions) : [];
      const saved = result.status === 'done' ? await saveModelToBytes(m.full) : null;
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
        loss: result.loss,
        metrics: histograms.map((h) => ({ className: h.className, train: h.train, val: h.val })),
        histograms,
        outputs: {},
      };
      return { record, predictions, model: saved };
    },
    async predict(batchSize, signal) {
      if (!model) return null;
      return predictAll(model, dataFor(model), batchSize, signal);
    },
    dispose() {
      model?.dispose();
      model = null;
    },
  };
}
