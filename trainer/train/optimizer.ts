// Optimisers of the Train tab (Adam, or SGD with momentum 0.9) behind one small interface that
// can change the learning rate every step, for cosine decay counted in steps.
import * as tf from '@tensorflow/tfjs';
import type { OptimizerKind } from '../../shared/training/train-options.ts';

/** Momentum of the `momentum` optimiser (the original's value). */
export const MOMENTUM = 0.9;

/** An optimiser whose learning rate can be set per step. */
export interface SteppedOptimizer {
  optimizer: tf.Optimizer;
  setLearningRate(lr: number): void;
  dispose(): void;
}

/** A new optimiser; a new one is made for every training run (as "Make it so" did). */
export function createOptimizer(kind: OptimizerKind, learningRate: number): SteppedOptimizer {
  if (kind === 'adam') {
    const optimizer = tf.train.adam(learningRate);
    return {
      optimizer,
      // Adam reads its learningRate field on every update.
      setLearningRate: (lr) => {
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
      },
      dispose: () => optimizer.dispose(),
    };
  }
  const optimizer = tf.train.momentum(learningRate, MOMENTUM);
  return {
    optimizer,
    setLearningRate: (lr) => optimizer.setLearningRate(lr),
    dispose: () => {
      optimizer.dispose();
      // MomentumOptimizer.dispose does not free SGD's learning-rate scalar.
      (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
    },
  };
}
