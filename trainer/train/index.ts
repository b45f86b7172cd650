// Public surface of training: the loop, its inputs (feature rows or augmented images through a
// live extractor), prediction, optimisers and the session that turns a run request into outputs.
export { PROGRESS_INTERVAL_MS, trainModel, validationLoss, yieldToEventLoop } from './train-loop.ts';
export type { TrainData, TrainHooks, TrainProgress, TrainResult } from './train-loop.ts';
export { predictAll } from './predict.ts';
export { MOMENTUM, createOptimizer } from './optimizer.ts';
export { createTrainerSession, trainerName } from './session.ts';
export type { RunOutcome, RunRequest, TrainerSession } from './session.ts';
export { createFeatureInputs } from './train-inputs.ts';
export type { AugmentationKind, FixMatchViews, TrainInputs } from './train-inputs.ts';
export { createImageInputs } from './image-inputs.ts';
export type { ImageInputsOptions, LiveExtractor } from './image-inputs.ts';
export { DEFAULT_AUGMENT_WORKERS, augmentChunk, createAugmentPool, sharedFloat32 } from './augment-pool.ts';
export type { AugmentPool, AugmentTask } from './augment-pool.ts';
