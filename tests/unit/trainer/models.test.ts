// Behaviours 9, 10, 23, 24, 25: losses, Global Pooling numbers, Convnet layer counts, output
// parameter count; plus weight-decay scope, in-memory model IO and tensor-leak checks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  createBytesLoader,
  createConvnetModel,
  createGlobalPoolingModel,
  createOutputModel,
  decayedKernels,
  maskedBce,
  maskedFocal,
  packModelBlob,
  saveModelToBytes,
  unpackModelBlob,
} from '../../../trainer/models/index.ts';
import { DEFAULT_CONVNET_SPEC, DEFAULT_MODEL_SPEC, parseModelSpec } from '../../../shared/training/index.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../helpers/trainer-tf.ts';

beforeAll(async () => useTrainerBackend('cpu'));

const y = () => tf.tensor1d([-1, 0, 1]);
const p = () => tf.tensor1d([0.3, 0.2, 0.8]);
const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
};

describe('masked losses', () => {
  it('[B9] masked BCE: 0.223143; smoothing 0.1: 0.292458; all masked ≈ 0', async () => {
    await expectNoLeakedTensors(() => {
      const [yy, pp] = [y(), p()];
      expect(value(maskedBce(yy, pp))).toBeCloseTo(0.223143, 4);
      expect(value(maskedBce(yy, pp, 0.1))).toBeCloseTo(0.292458, 4);
      const masked = tf.tensor1d([-1, -1, -1]);
      expect(Math.abs(value(maskedBce(masked, pp)))).toBeLessThan(1e-4);
      tf.dispose([yy, pp, masked]);
    });
  });
  it('[B10] masked focal: γ = 2 → 0.0089257; γ = 0 equals BCE; γ > 0 below BCE', async () => {
    await expectNoLeakedTensors(() => {
      const [yy, pp] = [y(), p()];
      expect(value(maskedFocal(yy, pp, 2))).toBeCloseTo(0.0089257, 5);
      expect(value(maskedFocal(yy, pp, 0))).toBeCloseTo(0.223143, 4);
      for (const g of [0.5, 1, 3]) expect(value(maskedFocal(yy, pp, g))).toBeLessThan(0.223143);
      tf.dispose([yy, pp]);
    });
  });
});

describe('fine-tuning and output heads', () => {
  it('[B23] Global Pooling: max of (1,5,7,2) with channel 1 = 1 → [0, 1]; average of half-ones → [0, 0.5]', async () => {
    await expectNoLeakedTensors(() => {
      const maxModel = createGlobalPoolingModel([5, 7, 2], 'max pool');
      expect(maxModel.layers).toHaveLength(2);
      const a = tf.tidy(() => tf.concat([tf.zeros([1, 5, 7, 1]), tf.ones([1, 5, 7, 1])], 3));
      const outA = maxModel.predict(a) as tf.Tensor;
      expect(Array.from(outA.dataSync())).toEqual([0, 1]);
      const avgModel = createGlobalPoolingModel([5, 4, 2], 'average pool');
      const b = tf.tidy(() => tf.concat([tf.zeros([1, 5, 4, 1]), tf.concat([tf.ones([1, 5, 2, 1]), tf.zeros([1, 5, 2, 1])], 2)], 3));
      const outB = avgModel.predict(b) as tf.Tensor;
      expect(Array.from(outB.dataSync())).toEqual([0, 0.5]);
      tf.dispose([a, b, outA, outB]);
      maxModel.dispose();
      avgModel.dispose();
    });
  });
  it.each([
    ['10,p,11', false, 7, 11],
    ['7,p,d,11,p,d,13', false, 12, 13],
    ['5,13', true, 6, 13],
  ])('[B24] Convnet "%s" (separable %s) → %i layers, output width %i', (layers, separable, count, width) => {
    let seed = 1;
    const m = createConvnetModel([8, 8, 3], { ...DEFAULT_CONVNET_SPEC, layers, separable }, () => seed++);
    expect(m.layers).toHaveLength(count);
    expect((m.outputs[0] as tf.SymbolicTensor).shape).toEqual([null, width]);
    m.dispose();
  });
  it('[B24] a residual block keeps the channel count; with batch norm every BN output is used', () => {
    let seed = 1;
    const m = createConvnetModel([4, 4, 3], { ...DEFAULT_CONVNET_SPEC, layers: '6,r', batchnorm: true, kernelSize: 3 }, () => seed++);
    expect((m.outputs[0] as tf.SymbolicTensor).shape).toEqual([null, 6]);
    const bns = m.layers.filter((l) => l.getClassName() === 'BatchNormalization');
    expect(bns).toHaveLength(3);
    // Every layer feeds something: no dropped BN output (the original's residual bug).
    for (const l of m.layers.slice(0, -1)) expect(l.outboundNodes.length).toBeGreaterThan(0);
    m.dispose();
  });
  it('spatial dropout drops whole channels', () => {
    let seed = 1;
    const m = createConvnetModel([4, 4, 1], { ...DEFAULT_CONVNET_SPEC, layers: '16,d', dropoutRate: 0.5 }, () => seed++);
    const dropout = m.layers.find((l) => l.getClassName() === 'Dropout');
    const out = tf.tidy(() => Array.from((dropout?.apply(tf.ones([2, 4, 4, 16]), { training: true }) as tf.Tensor).dataSync()));
    let dropped = 0;
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 16; c++) {
        const cells = Array.from({ length: 16 }, (_, i) => out[b * 256 + i * 16 + c] as number);
        expect(new Set(cells).size).toBe(1);
        if (cells[0] === 0) dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(32);
    m.dispose();
  });
  it('[B25] output parameters = d·C + C (d = 128, C = 4 → 516)', () => {
    const m = createOutputModel(128, 4, DEFAULT_MODEL_SPEC.output, 1);
    expect(m.countParams()).toBe(516);
    m.dispose();
    const n = createOutputModel(128, 4, { ...DEFAULT_MODEL_SPEC.output, normalize: true }, 1);
    expect(n.countParams()).toBe(516);
    n.dispose();
  });
  it('weight decay covers fine-tuning kernels only (no biases, no output layer)', () => {
    const spec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '4,r' } });
    const built = buildModel(spec, [4, 4, 2], 3, 1);
    const names = decayedKernels(built).map((w) => w.name);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/kernel/);
    expect(built.params.output).toBe(4 * 3 + 3);
    expect(built.pooledUpFront).toBeNull();
    built.dispose();
  });
  it('Global Pooling trains on vectors pooled up front unless FixMatch needs the maps', () => {
    const a = buildModel(DEFAULT_MODEL_SPEC, [3, 3, 8], 2, 1);
    expect(a.pooledUpFront).toBe('max pool');
    expect(a.trainModel).toBe(a.output);
    a.dispose();
    const b = buildModel({ ...DEFAULT_MODEL_SPEC, semiSupervised: { lambda: 1, tau: 0.95, mu: 1 } }, [3, 3, 8], 2, 1);
    expect(b.pooledUpFront).toBeNull();
    b.dispose();
  });
  it('building and disposing models leaks no tensors', async () => {
    await expectNoLeakedTensors(() => {
      const spec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '4,p,d,r', batchnorm: true }, output: { normalize: true } });
      buildModel(spec, [6, 6, 2], 3, 1).dispose();
      buildModel(DEFAULT_MODEL_SPEC, [16], 3, 1).dispose();
    });
  });
  it('the same seed gives the same weights', () => {
    const spec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '4,p,5' } });
    const a = buildModel(spec, [4, 4, 2], 2, 9);
    const b = buildModel(spec, [4, 4, 2], 2, 9);
    const wa = a.full.getWeights().map((w) => Array.from(w.dataSync()));
    const wb = b.full.getWeights().map((w) => Array.from(w.dataSync()));
    expect(wa).toEqual(wb);
    a.dispose();
    b.dispose();
  });
});

describe('model export in TensorFlow.js format', () => {
  it('captures model.json + weights in memory and loads them back with the same predictions', async () => {
    const spec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '4,p,d,4' }, output: { normalize: true } });
    const built = buildModel(spec, [4, 4, 2], 3, 3);
    const saved = unpackModelBlob(packModelBlob(await saveModelToBytes(built.full)));
    const json = JSON.parse(new TextDecoder().decode(saved.modelJson));
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const loaded = await tf.loadLayersModel(createBytesLoader(saved));
    const x = tf.randomUniform([2, 4, 4, 2], 0, 1, 'float32', 5);
    const pa = built.full.predict(x) as tf.Tensor;
    const pb = loaded.predict(x) as tf.Tensor;
    const [da, db] = [Array.from(pa.dataSync()), Array.from(pb.dataSync())];
    for (let i = 0; i < da.length; i++) expect(db[i]).toBeCloseTo(da[i] as number, 6);
    tf.dispose([x, pa, pb]);
    loaded.dispose();
    built.dispose();
  });
});
