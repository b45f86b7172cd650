// Public surface of the trainer: the command, backend selection, features (from .npy or a live
// extractor), models, training, BADGE, the kNN graph and the daemon with its job handlers.
export { EXIT_USAGE, TRAINER_USAGE, runTrainerCommand } from './main.ts';
export type { TrainerCommandOptions, TrainerIo } from './main.ts';
export { BACKEND_CHOICES, BackendUnavailableError, backendAvailable, initBackend, wasmBinaryFolder } from './backend.ts';
export type { BackendChoice, BackendInfo } from './backend.ts';
export { FeatureFileError, createFeatureSet, featuresFromNpy, gatherRows, loadFeatures, mapShapeOf, sliceRows } from './data/features.ts';
export type { FeatureSet } from './data/features.ts';
export { poolFeatures } from './data/pool.ts';
export * from './models/index.ts';
export * from './train/index.ts';
export * from './daemon/index.ts';
export * from './extract/index.ts';
export * from './badge/index.ts';
export * from './graph/index.ts';
