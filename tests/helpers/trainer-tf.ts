// Trainer test helpers: start the cpu backend once and check that a block leaks no tensors
// (in the style of tfjs' expectNoLeakedTensors).
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { initBackend } from '../../trainer/backend.ts';

/** Starts the given backend (cpu by default: deterministic and fast to start). */
export async function useTrainerBackend(kind: 'cpu' | 'wasm' = 'cpu'): Promise<void> {
  await initBackend(kind);
}

/** Runs `fn` and asserts that tf.memory().numTensors is unchanged afterwards. */
export async function expectNoLeakedTensors<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}
