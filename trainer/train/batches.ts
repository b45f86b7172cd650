// Batch assembly from typed arrays: gathers feature rows into reused Float32Array buffers and
// wraps them as tensors of the model's input shape, so only one batch lives in tensor memory.
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../data/features.ts';
import type { FeatureSet } from '../data/features.ts';

/** A reusable buffer for batches of up to `capacity` rows. */
export interface BatchBuffer {
  features: FeatureSet;
  capacity: number;
  data: Float32Array;
}

/** Allocates a batch buffer for `capacity` rows. */
export function createBatchBuffer(features: FeatureSet, capacity: number): BatchBuffer {
  return { features, capacity, data: new Float32Array(capacity * features.rowSize) };
}

/** Gathers rows into the buffer; returns the filled prefix (a view, not a copy). */
export function fillBatch(buffer: BatchBuffer, rows: ArrayLike<number>): Float32Array {
  const view = buffer.data.subarray(0, rows.length * buffer.features.rowSize);
  gatherRows(buffer.features, rows, view);
  return view;
}

/** Wraps batch values as a tensor of shape [rows, ...rowShape]. */
export function batchTensor(values: Float32Array, rowCount: number, rowShape: readonly number[]): tf.Tensor {
  return tf.tensor(values, [rowCount, ...rowShape], 'float32');
}
