// Public surface of the trainer's models: building, losses, the L2-normalise layer and the
// in-memory TensorFlow.js-format IO used to publish a model.
export { buildModel, decayedKernels, dropoutLayers, dropoutLayersOf, kernelWeights } from './build.ts';
export type { BuiltModel } from './build.ts';
export { createConvnetModel, createGlobalPoolingModel, globalPoolLayer } from './fine-tuning.ts';
export { createOutputModel, outputLoss } from './output-head.ts';
export { EPSILON, fixMatchLoss, l2Penalty, maskedBce, maskedFocal } from './losses.ts';
export { L2Normalize } from './l2-normalize.ts';
export {
  WEIGHTS_FILE_NAME,
  createBytesLoader,
  createCaptureHandler,
  packModelBlob,
  saveModelToBytes,
  unpackModelBlob,
} from './memory-io.ts';
export type { SavedModelBytes } from './memory-io.ts';
