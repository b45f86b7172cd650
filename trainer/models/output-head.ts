// Output heads (behaviour reference §3.3): [optional L2-normalise] → Dense(C, sigmoid), with
// d·C + C parameters. The loss (masked BCE or focal) is chosen from the same spec.
import * as tf from '@tensorflow/tfjs';
import type { OutputSpec } from '../../shared/training/model-spec.ts';
import { L2Normalize } from './l2-normalize.ts';
import { maskedBce, maskedFocal } from './losses.ts';

/** Output model over d-dimensional vectors for C classes. */
export function createOutputModel(inputDim: number, classCount: number, spec: OutputSpec, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [inputDim] });
  let x = input;
  if (spec.normalize) x = new L2Normalize({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: classCount, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed }) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'output' });
}

/** The supervised loss function of an output spec: (y, p) → scalar. */
export function outputLoss(spec: OutputSpec): (y: tf.Tensor, p: tf.Tensor) => tf.Scalar {
  if (spec.kind === 'sigmoid-focal') return (y, p) => maskedFocal(y, p, spec.gamma);
  return (y, p) => maskedBce(y, p, spec.labelSmoothing);
}
