// Feature inputs: .npy float32/float16, (N, d) and (N, h, w, c), viewed without copies; batch
// gathers; global pooling up front equals the tfjs pooling layers; bad files fail clearly.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeNpy } from '../../../shared/npy/index.ts';
import { FeatureFileError, featuresFromNpy, gatherRows, loadFeatures } from '../../../trainer/data/features.ts';
import { poolFeatures } from '../../../trainer/data/pool.ts';
import { createGlobalPoolingModel } from '../../../trainer/models/index.ts';
import { useTrainerBackend } from '../../helpers/trainer-tf.ts';

beforeAll(async () => useTrainerBackend('cpu'));

const values = Float32Array.from({ length: 3 * 2 * 2 * 3 }, (_, i) => (i % 7) / 8 - 0.25);

describe('feature files', () => {
  it('views float32 (N, h, w, c) data over the file bytes without a copy', () => {
    const bytes = encodeNpy(values, [3, 2, 2, 3]);
    const f = featuresFromNpy(bytes);
    expect(f.count).toBe(3);
    expect(f.rowShape).toEqual([2, 2, 3]);
    expect(f.dtype).toBe('float32');
    expect(f.data.buffer).toBe(bytes.buffer);
    expect(Array.from(gatherRows(f, [2, 0]))).toEqual([...values.subarray(24, 36), ...values.subarray(0, 12)]);
  });
  it('keeps float16 as raw bits and decodes per batch', () => {
    const f = featuresFromNpy(encodeNpy(values, [3, 12], '<f2'));
    expect(f.dtype).toBe('float16');
    expect(f.data).toBeInstanceOf(Uint16Array);
    expect(f.rowShape).toEqual([12]);
    const row = gatherRows(f, [1]);
    for (let i = 0; i < 12; i++) expect(row[i]).toBeCloseTo(values[12 + i] as number, 3);
  });
  it('refuses other ranks and dtypes, and names a missing file', async () => {
    expect(() => featuresFromNpy(encodeNpy(values, [36]))).toThrow(FeatureFileError);
    expect(() => featuresFromNpy(encodeNpy(new Uint8Array(4), [2, 2], '|u1'))).toThrow(/float32 or float16/);
    await expect(loadFeatures('/nonexistent/f.npy')).rejects.toThrow('feature file not found: /nonexistent/f.npy');
    const dir = mkdtempSync(join(tmpdir(), 'pw-feat-'));
    writeFileSync(join(dir, 'f.npy'), encodeNpy(values, [3, 12]));
    expect((await loadFeatures(join(dir, 'f.npy'))).count).toBe(3);
  });
});

describe('pooling up front', () => {
  it.each(['max pool', 'average pool', 'flatten'] as const)('%s equals the tfjs pooling layer', (type) => {
    const f = featuresFromNpy(encodeNpy(values, [3, 2, 2, 3], '<f2'));
    const pooled = poolFeatures(f, type);
    const model = createGlobalPoolingModel([2, 2, 3], type);
    const expected = tf.tidy(() => Array.from((model.predict(tf.tensor(gatherRows(f, [0, 1, 2]), [3, 2, 2, 3])) as tf.Tensor).dataSync()));
    const actual = Array.from(gatherRows(pooled, [0, 1, 2]));
    expect(actual).toHaveLength(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] as number, 6);
    model.dispose();
  });
  it('flatten of float32 data shares the buffer', () => {
    const f = featuresFromNpy(encodeNpy(values, [3, 2, 2, 3]));
    expect(poolFeatures(f, 'flatten').data).toBe(f.data);
  });
});
