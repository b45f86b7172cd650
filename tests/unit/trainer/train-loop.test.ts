// The training loop on small synthetic maps (cpu backend): learning happens, a fixed seed repeats
// exactly, cancel / early stop / progress throttling work, validation loss is the mean of
// per-batch means, FixMatch runs, nothing-to-train-on is explicit, and no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_SPEC, DEFAULT_TRAIN_OPTIONS, NothingToTrainOnError, parseModelSpec } from '../../../shared/training/index.ts';
import type { ModelSpec, TrainOptions } from '../../../shared/training/index.ts';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';
import { buildModel, maskedBce } from '../../../trainer/models/index.ts';
import { poolFeatures } from '../../../trainer/data/pool.ts';
import { createTrainerSession, predictAll, trainModel, validationLoss } from '../../../trainer/train/index.ts';
import type { TrainProgress } from '../../../trainer/train/index.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../helpers/trainer-tf.ts';
import { syntheticMaps } from '../../helpers/trainer-data.ts';

beforeAll(async () => useTrainerBackend('wasm'));

const OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, batchSize: 16, batchesPerEpoch: 10, epochs: 3, learningRate: 0.01, seed: 4 };
const CONVNET: ModelSpec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '8,d,r', kernelSize: 3, batchnorm: true } });
const SMALL_CONVNET: ModelSpec = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '8,d', kernelSize: 1 } });

async function run(spec: ModelSpec, options: TrainOptions = OPTIONS, n = 120) {
  const { features, table } = syntheticMaps(n, ['a', 'b']);
  const model = buildModel(spec, features.rowShape, 2, options.seed);
  const data = model.pooledUpFront ? poolFeatures(features, model.pooledUpFront) : features;
  const result = await trainModel(model, { data, table }, options);
  const predictions = await predictAll(model, data, 32);
  model.dispose();
  return { result, predictions: predictions as Float32Array, table };
}

describe('training loop', () => {
  it('learns the synthetic signal with the Convnet (loss falls) and leaks no tensors', async () => {
    const { result } = await expectNoLeakedTensors(() => run({ ...CONVNET, weightDecay: 1e-3 }, { ...OPTIONS, epochs: 4 }));
    expect(result.status).toBe('done');
    expect(result.steps).toBe(40);
    const first = result.loss.supervised.slice(0, 5).reduce((a, b) => a + b) / 5;
    const last = result.loss.supervised.slice(-5).reduce((a, b) => a + b) / 5;
    expect(last).toBeLessThan(first);
    expect(result.loss.validation).toHaveLength(4);
    expect(result.loss.validationStep).toEqual([10, 20, 30, 40]);
  });
  it('a fixed seed gives identical losses and predictions twice (dropout included)', async () => {
    const a = await run(SMALL_CONVNET, { ...OPTIONS, epochs: 1 });
    const b = await run(SMALL_CONVNET, { ...OPTIONS, epochs: 1 });
    expect(b.result.loss.supervised).toEqual(a.result.loss.supervised);
    expect(b.predictions).toEqual(a.predictions);
    const c = await run(SMALL_CONVNET, { ...OPTIONS, epochs: 1, seed: 5 });
    expect(c.result.loss.supervised).not.toEqual(a.result.loss.supervised);
  });
  it('Global Pooling pooled up front trains the output head; momentum + cosine decay runs', async () => {
    const { result, predictions, table } = await run(DEFAULT_MODEL_SPEC, { ...OPTIONS, optimizer: 'momentum', lrDecay: 'cosine', learningRate: 0.5, epochs: 5 });
    expect(result.status).toBe('done');
    expect(predictions).toHaveLength(table.rowCount * 2);
    for (const v of predictions) expect(v >= 0 && v <= 1).toBe(true);
  });
  it('FixMatch (λ > 0) records a semi-supervised loss per step', async () => {
    const spec = { ...SMALL_CONVNET, semiSupervised: { lambda: 1, tau: 0.6, mu: 2 } };
    const { result } = await expectNoLeakedTensors(() => run(spec, { ...OPTIONS, epochs: 1 }));
    expect(result.loss.semisupervised).toHaveLength(10);
    expect(result.loss.semisupervised.some((v) => v > 0)).toBe(true);
  });
  it('validation loss is the mean of per-batch mean losses', async () => {
    const { features, table } = syntheticMaps(100, ['a', 'b']);
    const model = buildModel(DEFAULT_MODEL_SPEC, features.rowShape, 2, 1);
    const data = poolFeatures(features, 'max pool');
    const v = await validationLoss(model, { data, table }, 16);
    // 20 validation rows in batches of 16 and 4: average the two batch means by hand.
    const rows = Array.from({ length: 100 }, (_, r) => r).filter((r) => r % 5 === 0);
    const batchMean = (rs: number[]) =>
      tf.tidy(() => {
        const x = tf.tensor2d(rs.flatMap((r) => Array.from(data.data.subarray(r * 3, r * 3 + 3))), [rs.length, 3]);
        const y = tf.tensor2d(rs.flatMap((r) => [(table.labels[0] as Int8Array)[r] as number, (table.labels[1] as Int8Array)[r] as number]), [rs.length, 2]);
        return maskedBce(y, model.output.predict(x) as tf.Tensor).dataSync()[0] as number;
      });
    expect(v).toBeCloseTo((batchMean(rows.slice(0, 16)) + batchMean(rows.slice(16))) / 2, 5);
    model.dispose();
  });
  it('[B34] early stop ends the run with status early-stopped', async () => {
    // Learning rate 0: the validation loss never improves, so patience 2 stops after epoch 3.
    const { result } = await run(DEFAULT_MODEL_SPEC, { ...OPTIONS, learningRate: 0, optimizer: 'momentum', epochs: 30, batchesPerEpoch: 2, abortAfter: 2 });
    expect(result.status).toBe('early-stopped');
    expect(result.epochs).toBe(3);
    expect(result.loss.validation).toHaveLength(3);
    const none = await run(DEFAULT_MODEL_SPEC, { ...OPTIONS, learningRate: 0, optimizer: 'momentum', epochs: 4, batchesPerEpoch: 2, abortAfter: 0 });
    expect(none.result.status).toBe('done');
  });
  it('cancels through an AbortSignal between steps', async () => {
    const { features, table } = syntheticMaps(60, ['a', 'b']);
    const model = buildModel(SMALL_CONVNET, features.rowShape, 2, 1);
    const controller = new AbortController();
    let steps = 0;
    let clock = 0;
    const result = await expectNoLeakedTensors(() =>
      trainModel(model, { data: features, table }, { ...OPTIONS, epochs: 100 }, {
        signal: controller.signal,
        now: () => (clock += 400),
        onProgress: (p) => {
          steps = p.step;
          if (p.step >= 5) controller.abort();
        },
      }),
    );
    expect(result.status).toBe('cancelled');
    expect(result.steps).toBeLessThan(20);
    expect(steps).toBeGreaterThanOrEqual(5);
    model.dispose();
  });
  it('reports progress at most once a second (by the injected clock) with an ETA', async () => {
    const { features, table } = syntheticMaps(60, ['a', 'b']);
    const model = buildModel(DEFAULT_MODEL_SPEC, features.rowShape, 2, 1);
    const reports: TrainProgress[] = [];
    let clock = 0;
    await trainModel(model, { data: poolFeatures(features, 'max pool'), table }, { ...OPTIONS, epochs: 2 }, { now: () => (clock += 300), onProgress: (p) => reports.push(p) });
    // 20 steps at 300 ms each (plus clock reads) → far fewer than 20 reports, the last one final.
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.length).toBeLessThan(12);
    expect(reports[0]?.etaMs).toBeGreaterThan(0);
    expect(reports[reports.length - 1]?.step).toBe(20);
    model.dispose();
  });
  it('[B12] no labelled training rows → NothingToTrainOnError', async () => {
    const { features } = syntheticMaps(10, ['a']);
    const table = createEmptyLabelTable(10, ['a']);
    const model = buildModel(DEFAULT_MODEL_SPEC, features.rowShape, 1, 1);
    await expect(trainModel(model, { data: poolFeatures(features, 'max pool'), table }, OPTIONS)).rejects.toThrow(NothingToTrainOnError);
    model.dispose();
  });
});

describe('trainer session', () => {
  it('continues from the current weights until the spec changes or a rebuild is asked for', async () => {
    const { features, table } = syntheticMaps(60, ['a', 'b']);
    const session = createTrainerSession(features, 'x');
    const training = { ...OPTIONS, epochs: 1, batchesPerEpoch: 3 };
    const first = await session.run({ runId: 'r1', table, labelVersion: 1, model: DEFAULT_MODEL_SPEC, training });
    const second = await session.run({ runId: 'r2', table, labelVersion: 2, model: DEFAULT_MODEL_SPEC, training });
    expect(first.record.continuedFrom).toBeUndefined();
    expect(second.record.continuedFrom).toBe('r1');
    expect(second.record.loss.supervised[0]).not.toBe(first.record.loss.supervised[0]);
    const rebuilt = await session.run({ runId: 'r3', table, labelVersion: 3, model: DEFAULT_MODEL_SPEC, training, rebuild: true });
    expect(rebuilt.record.continuedFrom).toBeUndefined();
    expect(rebuilt.record.loss.supervised).toEqual(first.record.loss.supervised);
    const changed = await session.run({ runId: 'r4', table, labelVersion: 4, model: { ...DEFAULT_MODEL_SPEC, weightDecay: 0.1 }, training });
    expect(changed.record.continuedFrom).toBeUndefined();
    session.dispose();
  });
  it('[B34] an early-stopped run publishes no predictions, histograms or model', async () => {
    const { features, table } = syntheticMaps(60, ['a', 'b']);
    const session = createTrainerSession(features, 'x');
    const outcome = await session.run({ runId: 'r', table, labelVersion: 1, model: DEFAULT_MODEL_SPEC, training: { ...OPTIONS, learningRate: 0, epochs: 5, batchesPerEpoch: 2, abortAfter: 1 } });
    expect(outcome.record.status).toBe('early-stopped');
    expect(outcome.predictions).toBeNull();
    expect(outcome.model).toBeNull();
    expect(outcome.record.histograms).toEqual([]);
    session.dispose();
  });
});
