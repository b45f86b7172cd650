// Public surface of the training maths: seeded RNG, stratified sampler, learning-rate schedule,
// early stop, Convnet spec parser, FixMatch targets, feature-space and image augmentation. No tfjs here.
export { createRng, randomInt, randomNormal, randomSeed } from './random.ts';
export type { Rng } from './random.ts';
export {
  NothingToTrainOnError,
  SAMPLING_STRATEGIES,
  createStratifiedSampler,
  drawRows,
  labelMatrix,
  nonValidationRows,
  rowProbabilities,
  samplerRows,
  splitCounts,
  validationRows,
} from './sampler.ts';
export type { SamplerBucket, SamplingStrategy, StratifiedSampler } from './sampler.ts';
export { LR_DECAYS, earlyStopEpoch, learningRateAt, updateEarlyStop } from './schedule.ts';
export type { EarlyStopState, LrDecay } from './schedule.ts';
export { ConvnetSpecError, convnetOutputShape, parseConvnetSpec } from './convnet-spec.ts';
export type { ConvnetShape, ConvnetToken } from './convnet-spec.ts';
export { fixMatchTargets } from './fixmatch.ts';
export type { FixMatchTargets } from './fixmatch.ts';
export { DEFAULT_STRONG_AUGMENT, strongAugment, weakAugment } from './feature-augment.ts';
export type { MapShape, StrongAugmentOptions } from './feature-augment.ts';
export {
  DEFAULT_CONVNET_SPEC,
  DEFAULT_MODEL_SPEC,
  POOLING_TYPES,
  SettingsError,
  parseModelSpec,
} from './model-spec.ts';
export type { ConvnetSpec, FineTuningSpec, GlobalPoolingSpec, ModelSpec, OutputSpec, PoolingType, SemiSupervisedSpec } from './model-spec.ts';
export * from './image-augment/index.ts';
export { DEFAULT_TRAIN_OPTIONS, OPTIMIZERS, parseTrainOptions } from './train-options.ts';
export type { OptimizerKind, TrainOptions } from './train-options.ts';
export { RUN_STATUSES } from './run-record.ts';
export type { ClassMetrics, LossCurves, RunRecord, RunStatus } from './run-record.ts';
