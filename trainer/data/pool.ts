// Global pooling of feature maps done once, up front, in plain typed-array loops: a Global
// Pooling head has no parameters, so training and prediction can run on (N, c) vectors instead
// of re-pooling (N, h, w, c) maps every batch.
import type { PoolingType } from '../../shared/training/model-spec.ts';
import { gatherRows, mapShapeOf } from './features.ts';
import type { FeatureSet } from './features.ts';

/** Rows pooled per chunk (bounds the temporary float32 copy of float16 data). */
const POOL_CHUNK_ROWS = 1024;

/**
 * Pools every row: max or average over (h, w) per channel → (N, c); flatten → (N, h·w·c), which
 * for float32 data is the same buffer (no copy). A flat (N, d) set is returned unchanged.
 */
export function poolFeatures(features: FeatureSet, poolingType: PoolingType): FeatureSet {
  if (features.rowShape.length !== 3) return features;
  const { height, width, channels } = mapShapeOf(features);
  const cells = height * width;
  if (poolingType === 'flatten') {
    return { ...features, rowShape: [features.rowSize] };
  }
  const out = new Float32Array(features.count * channels);
  const chunk = new Float32Array(Math.min(POOL_CHUNK_ROWS, features.count) * features.rowSize);
  const isMax = poolingType === 'max pool';
  for (let start = 0; start < features.count; start += POOL_CHUNK_ROWS) {
    const end = Math.min(features.count, start + POOL_CHUNK_ROWS);
    const rows = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const maps = features.dtype === 'float32'
      ? (features.data as Float32Array).subarray(start * features.rowSize, end * features.rowSize)
      : gatherRows(features, rows, chunk);
    for (let i = 0; i < end - start; i++) {
      const base = i * features.rowSize;
      const o = (start + i) * channels;
      for (let k = 0; k < channels; k++) out[o + k] = isMax ? -Infinity : 0;
      for (let cell = 0; cell < cells; cell++) {
        const src = base + cell * channels;
        for (let k = 0; k < channels; k++) {
          const v = maps[src + k] as number;
          if (isMax) {
            if (v > (out[o + k] as number)) out[o + k] = v;
          } else out[o + k] = (out[o + k] as number) + v;
        }
      }
      if (!isMax) for (let k = 0; k < channels; k++) out[o + k] = (out[o + k] as number) / cells;
    }
  }
  return { count: features.count, rowShape: [channels], rowSize: channels, dtype: 'float32', data: out };
}
