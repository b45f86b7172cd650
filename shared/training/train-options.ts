// Train-tab settings as plain JSON (they travel in job settings), with the original's defaults
// and a validator for untrusted input.
import { SettingsError, choiceSetting, numberSetting } from './model-spec.ts';
import { SAMPLING_STRATEGIES } from './sampler.ts';
import type { SamplingStrategy } from './sampler.ts';
import { LR_DECAYS } from './schedule.ts';
import type { LrDecay } from './schedule.ts';
import { AUGMENT_SETTING_DEFAULTS, parseAugmentParams } from './image-augment/augment-params.ts';
import type { AugmentParams } from './image-augment/augment-params.ts';

/** Optimisers of the Train tab: Adam, or SGD with momentum 0.9. */
export const OPTIMIZERS = ['adam', 'momentum'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

/** Everything one training run needs besides the model and the data. */
export interface TrainOptions {
  sampling: SamplingStrategy;
  optimizer: OptimizerKind;
  learningRate: number;
  lrDecay: LrDecay;
  batchSize: number;
  batchesPerEpoch: number;
  epochs: number;
  /** Stop after this many epochs without validation improvement; 0 never stops. */
  abortAfter: number;
  /** Batch size for predicting every row after training. */
  predictionBatchSize: number;
  /** Predict every row after training (not after an early stop). */
  updatePredictions: boolean;
  /** Seed of every random draw in the run. */
  seed: number;
  /**
   * From this epoch on (0-based) the live extractor's weights are trained too; −1 never. Needs a
   * trainer started with --extractor and a LayersModel extractor.
   */
  fineTuneAfter: number;
  /**
   * Image augmentation of training batches (and FixMatch's weak view) when the trainer runs a
   * live feature extractor; false = off. Pre-extracted features are never image-augmented.
   */
  augment: AugmentParams | false;
  /** FixMatch's strong image augmentation with a live extractor; false = none. */
  strongAugment: AugmentParams | false;
}

/** Train-tab defaults of the original (seed 1). */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  sampling: 'class',
  optimizer: 'adam',
  learningRate: 1e-3,
  lrDecay: 'none',
  batchSize: 16,
  batchesPerEpoch: 100,
  epochs: 10,
  abortAfter: 0,
  predictionBatchSize: 64,
  updatePredictions: true,
  seed: 1,
  fineTuneAfter: -1,
  augment: { ...AUGMENT_SETTING_DEFAULTS.augment },
  strongAugment: { ...AUGMENT_SETTING_DEFAULTS.strongAugment },
};

/** Validates untrusted JSON into complete TrainOptions (missing fields take the defaults). */
export function parseTrainOptions(value: unknown): TrainOptions {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new SettingsError('training must be an object');
  }
  const o = (value ?? {}) as Record<string, unknown>;
  const d = DEFAULT_TRAIN_OPTIONS;
  const update = o.updatePredictions;
  if (update !== undefined && typeof update !== 'boolean') throw new SettingsError('updatePredictions must be true or false');
  return {
    sampling: choiceSetting(o, 'sampling', d.sampling, SAMPLING_STRATEGIES),
    optimizer: choiceSetting(o, 'optimizer', d.optimizer, OPTIMIZERS),
    learningRate: numberSetting(o, 'learningRate', d.learningRate, 1e-8, 10),
    lrDecay: choiceSetting(o, 'lrDecay', d.lrDecay, LR_DECAYS),
    batchSize: numberSetting(o, 'batchSize', d.batchSize, 1, 65536, true),
    batchesPerEpoch: numberSetting(o, 'batchesPerEpoch', d.batchesPerEpoch, 1, 1e6, true),
    epochs: numberSetting(o, 'epochs', d.epochs, 1, 1e5, true),
    abortAfter: numberSetting(o, 'abortAfter', d.abortAfter, 0, 1e5, true),
    predictionBatchSize: numberSetting(o, 'predictionBatchSize', d.predictionBatchSize, 1, 65536, true),
    updatePredictions: update ?? d.updatePredictions,
    seed: numberSetting(o, 'seed', d.seed, 0, 2 ** 31 - 1, true),
    fineTuneAfter: numberSetting(o, 'fineTuneAfter', d.fineTuneAfter, -1, 1e5, true),
    augment: parseAugmentParams(o.augment, 'augment', AUGMENT_SETTING_DEFAULTS.augment),
    strongAugment: parseAugmentParams(o.strongAugment, 'strongAugment', AUGMENT_SETTING_DEFAULTS.strongAugment),
  };
}
