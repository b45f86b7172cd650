// Builds the whole model from a ModelSpec for a feature-row shape and class count: fine-tuning
// head → output head, the full model used for prediction and export, and which variant training
// runs on (pooled-up-front vectors for Global Pooling, per-batch maps otherwise).
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec, PoolingType } from '../../shared/training/model-spec.ts';
import { createRng, randomSeed } from '../../shared/training/random.ts';
import { createConvnetModel, createGlobalPoolingModel } from './fine-tuning.ts';
import { createOutputModel, outputLoss } from './output-head.ts';

/** A built model and everything training needs to know about it. */
export interface BuiltModel {
  spec: ModelSpec;
  /** Feature-row shape the full model takes: [d] or [h, w, c]. */
  featureShape: number[];
  classCount: number;
  /** The fine-tuning head; null for Global Pooling over flat (N, d) features. */
  fineTuning: tf.LayersModel | null;
  output: tf.LayersModel;
  /** Features → class probabilities (what is predicted with and exported). */
  full: tf.LayersModel;
  /**
   * Set when the head is parameter-free and FixMatch does not need the maps: training and
   * prediction then run the output head on features pooled once up front with this pooling.
   */
  pooledUpFront: PoolingType | null;
  /** The model a training step applies: `output` when pooled up front, else `full`. */
  trainModel: tf.LayersModel;
  /** Supervised loss (y, p) → scalar. */
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar;
  params: { fineTuning: number; output: number; total: number };
  /** Frees every variable. */
  dispose(): void;
}

/** Builds a fresh model; `seed` fixes every initial weight. */
export function buildModel(spec: ModelSpec, featureShape: number[], classCount: number, seed: number): BuiltModel {
  if (classCount < 1) throw new Error('a model needs at least one class');
  const rng = createRng(seed ^ 0x5bd1e995);
  const nextSeed = () => randomSeed(rng);
  const flat = featureShape.length === 1;
  let fineTuning: tf.LayersModel | null = null;
  let pooledUpFront: PoolingType | null = null;
  if (spec.fineTuning.kind === 'global-pooling') {
    if (!flat) fineTuning = createGlobalPoolingModel(featureShape, spec.fineTuning.poolingType);
    if (flat || spec.semiSupervised.lambda === 0) pooledUpFront = spec.fineTuning.poolingType;
  } else {
    if (flat) throw new Error(`the Convnet needs (h, w, c) feature maps; these features are flat vectors of length ${featureShape[0]}`);
    fineTuning = createConvnetModel(featureShape, spec.fineTuning, nextSeed);
  }
  const vectorDim = fineTuning ? ((fineTuning.outputs[0] as tf.SymbolicTensor).shape[1] as number) : (featureShape[0] as number);
  const output = createOutputModel(vectorDim, classCount, spec.output, nextSeed());
  let full = output;
  if (fineTuning) {
    const input = tf.input({ shape: featureShape });
    const probs = output.apply(fineTuning.apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor;
    full = tf.model({ inputs: input, outputs: probs, name: 'full' });
  }
  const ftParams = fineTuning ? fineTuning.countParams() : 0;
  const outParams = output.countParams();
  return {
    spec,
    featureShape: [...featureShape],
    classCount,
    fineTuning,
    output,
    full,
    pooledUpFront,
    trainModel: pooledUpFront !== null ? output : full,
    loss: outputLoss(spec.output),
    params: { fineTuning: ftParams, output: outParams, total: ftParams + outParams },
    dispose: () => {
      full.dispose();
    },
  };
}

/** Trainable kernel variables of a model (names containing "kernel": no biases or batch-norm parameters). */
export function kernelWeights(model: tf.LayersModel): tf.LayerVariable[] {
  return model.trainableWeights.filter((w) => w.name.includes('kernel'));
}

/** Dropout layers of a model (their seeds are set per step for reproducibility). */
export function dropoutLayersOf(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => l.getClassName() === 'Dropout');
}

/** Kernel variables of the fine-tuning head; the output is never decayed. */
export function decayedKernels(model: BuiltModel): tf.LayerVariable[] {
  return model.fineTuning ? kernelWeights(model.fineTuning) : [];
}

/** Dropout layers of the fine-tuning head. */
export function dropoutLayers(model: BuiltModel): tf.layers.Layer[] {
  return model.fineTuning ? dropoutLayersOf(model.fineTuning) : [];
}
