// A parameter-free layer that scales each input vector to unit L2 norm (the output heads'
// `normalize` option). Registered for serialisation, so a loader must import this module (or
// register a layer of the same class name) before `tf.loadLayersModel`.
import * as tf from '@tensorflow/tfjs';

/** x / max(‖x‖₂, 1e-12) along the last axis. */
export class L2Normalize extends tf.layers.Layer {
  /** Class name written to model.json. */
  static readonly className = 'L2Normalize';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(x), -1, true), 1e-24));
      return tf.div(x, norm);
    });
  }
}
tf.serialization.registerClass(L2Normalize);
