// Public surface of the trainer: the command, backend selection, features, models, training and
// the daemon. Other areas (BADGE, graph) register job handlers through `runTrainerCommand`.
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
