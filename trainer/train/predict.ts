// Prediction for every row in explicit batches: each batch is gathered from the typed array,
// wrapped as one tensor and predicted with an explicit batch size (the wasm backend slices its
// heap otherwise), then copied into one row-major N × C Float32Array.
import * as tf from '@tensorflow/tfjs';
import type { FeatureSet } from '../data/features.ts';
import type { BuiltModel } from '../models/build.ts';
import { batchTensor, createBatchBuffer, fillBatch } from './batches.ts';
import { yieldToEventLoop } from './train-loop.ts';

/**
 * Predicts every row of `data` (the pooled set when the model is pooled up front).
 * Resolves to null when `signal` aborts.
 */
export async function predictAll(model: BuiltModel, data: FeatureSet, batchSize: number, signal?: AbortSignal): Promise<Float32Array | null> {
  const C = model.classCount;
  const out = new Float32Array(data.count * C);
  const buffer = createBatchBuffer(data, batchSize);
  const rows = new Int32Array(batchSize);
  for (let start = 0; start < data.count; start += batchSize) {
    if (signal?.aborted) return null;
    const n = Math.min(batchSize, data.count - start);
    for (let i = 0; i < n; i++) rows[i] = start + i;
    const x = fillBatch(buffer, rows.subarray(0, n));
    const p = tf.tidy(() => model.trainModel.predict(batchTensor(x, n, data.rowShape), { batchSize: n }) as tf.Tensor);
    out.set(await p.data(), start * C);
    p.dispose();
    await yieldToEventLoop();
  }
  return out;
}
