// Public surface of training: the loop, prediction, optimisers and the session that turns a run
// request into predictions, metrics and a RunRecord.
export { PROGRESS_INTERVAL_MS, trainModel, validationLoss, yieldToEventLoop } from './train-loop.ts';
export type { TrainData, TrainHooks, TrainProgress, TrainResult } from './train-loop.ts';
export { predictAll } from './predict.ts';
export { MOMENTUM, createOptimizer } from './optimizer.ts';
export { createTrainerSession, trainerName } from './session.ts';
export type { RunOutcome, RunRequest, TrainerSession } from './session.ts';
