// The wasm gradient kernels the trainer adds (conv2d filter, depthwise filter and input) agree
// with the cpu backend's on random inputs, for strides 1 and 2 and both paddings.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../trainer/backend.ts';

type Case = { name: string; xShape: [number, number, number, number]; wShape: [number, number, number, number]; stride: number; pad: 'same' | 'valid'; depthwise: boolean };
const CASES: Case[] = [
  { name: 'conv 3×3 same s1', xShape: [2, 5, 6, 3], wShape: [3, 3, 3, 4], stride: 1, pad: 'same', depthwise: false },
  { name: 'conv 5×5 same s1', xShape: [2, 6, 5, 2], wShape: [5, 5, 2, 3], stride: 1, pad: 'same', depthwise: false },
  { name: 'conv 1×1 same s1', xShape: [3, 4, 4, 5], wShape: [1, 1, 5, 6], stride: 1, pad: 'same', depthwise: false },
  { name: 'conv 3×3 valid s1', xShape: [2, 6, 5, 2], wShape: [3, 3, 2, 3], stride: 1, pad: 'valid', depthwise: false },
  { name: 'conv 1×1 valid s2', xShape: [2, 5, 5, 3], wShape: [1, 1, 3, 2], stride: 2, pad: 'valid', depthwise: false },
  { name: 'depthwise 3×3 same s1', xShape: [2, 5, 6, 3], wShape: [3, 3, 3, 2], stride: 1, pad: 'same', depthwise: true },
  { name: 'depthwise 3×3 valid s2', xShape: [1, 7, 7, 2], wShape: [3, 3, 2, 1], stride: 2, pad: 'valid', depthwise: true },
];

function grads(c: Case): number[][] {
  return tf.tidy(() => {
    const x = tf.randomUniform(c.xShape, -1, 1, 'float32', 11);
    const w = tf.randomUniform(c.wShape, -1, 1, 'float32', 12);
    const f = (xx: tf.Tensor, ww: tf.Tensor) => {
      const y = c.depthwise
        ? tf.depthwiseConv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad)
        : tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad);
      return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
    };
    const [gx, gw] = tf.grads(f)([x, w]);
    return [Array.from((gx as tf.Tensor).dataSync()), Array.from((gw as tf.Tensor).dataSync())];
  });
}

describe('wasm gradient kernels', () => {
  it.each(CASES)('$name matches the cpu backend', async (c) => {
    await initBackend('cpu');
    const expected = grads(c);
    await initBackend('wasm');
    const actual = grads(c);
    for (let k = 0; k < 2; k++) {
      const e = expected[k] as number[];
      const a = actual[k] as number[];
      expect(a).toHaveLength(e.length);
      for (let i = 0; i < e.length; i++) expect([k, i, a[i]]).toEqual([k, i, expect.closeTo(e[i] as number, 3)]);
    }
  });
});
