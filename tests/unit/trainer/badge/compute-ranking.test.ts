// Trainer BADGE step: h is the input of the model's last Dense layer (flat and nested models),
// the B13 embedding through a real tfjs Dense layer, and batching into row blocks before ranking.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRankingBlob, encodeRankingBlob, gradientEmbedding, rankBadge } from '../../../../shared/badge/index.ts';
import { BADGE_BLOCK_ROWS, computeBadgeRanking, createLayersEmbedder } from '../../../../trainer/badge/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rowsOf = (data: Float32Array) => (batch: { start: number; count: number }, width: number) =>
  tf.tensor2d(data.subarray(batch.start * width, (batch.start + batch.count) * width), [batch.count, width]);

describe('createLayersEmbedder', () => {
  it('[B13] through a Dense layer with W = 0, b = 0: h = [1, 2] → [−0.25, −0.25, −0.5, −0.5]', async () => {
    const input = tf.input({ shape: [2] });
    const out = tf.layers.dense({ units: 2, activation: 'sigmoid', kernelInitializer: 'zeros', biasInitializer: 'zeros' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const embed = createLayersEmbedder(model, (b) => rowsOf(new Float32Array([1, 2]))(b, 2));
    const { h, p } = await embed({ start: 0, count: 1 });
    expect(Array.from(h)).toEqual([1, 2]);
    expect(Array.from(p)).toEqual([0.5, 0.5]);
    expect(Array.from(gradientEmbedding({ h, p, numClasses: 2 }))).toEqual([-0.25, -0.25, -0.5, -0.5]);
    expect(Array.from(gradientEmbedding({ h, p, numClasses: 2, classIndex: 1 }))).toEqual([-0.25, -0.5]);
  });

  it('returns the hidden activations (the Dense input) of a flat and of a nested model', async () => {
    const rnd = createSeededRandom(4);
    const x = new Float32Array(5 * 3).map(() => rnd.next() * 2 - 1);
    const hidden = tf.layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
    const head = tf.layers.dense({ units: 2, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
    const flat = tf.sequential({ layers: [hidden, head] });
    const want = (tf.tidy(() => hidden.apply(tf.tensor2d(x, [5, 3])) as tf.Tensor)).dataSync();
    const wantP = (flat.predict(tf.tensor2d(x, [5, 3])) as tf.Tensor).dataSync();
    const flatOut = await createLayersEmbedder(flat, (b) => rowsOf(x)(b, 3))({ start: 0, count: 5 });
    expect(Array.from(flatOut.h)).toEqual(Array.from(want));
    expect(Array.from(flatOut.p)).toEqual(Array.from(wantP));

    const featureModel = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })] });
    const outIn = tf.input({ shape: [4] });
    const outputModel = tf.model({ inputs: outIn, outputs: tf.layers.dense({ units: 2, activation: 'sigmoid' }).apply(outIn) as tf.SymbolicTensor });
    const full = tf.sequential({ layers: [featureModel, outputModel] });
    const nestedOut = await createLayersEmbedder(full, (b) => rowsOf(x)(b, 3))({ start: 1, count: 3 });
    const wantNested = (featureModel.predict(tf.tensor2d(x.subarray(3, 12), [3, 3])) as tf.Tensor).dataSync();
    expect(Array.from(nestedOut.h)).toEqual(Array.from(wantNested));
    expect(nestedOut.p).toHaveLength(6);
  });

  it('refuses a model without a Dense layer', () => {
    const model = tf.sequential({ layers: [tf.layers.activation({ activation: 'sigmoid', inputShape: [2] })] });
    expect(() => createLayersEmbedder(model, (b) => tf.zeros([b.count, 2]))).toThrow(/no Dense layer/);
  });
});

describe('computeBadgeRanking', () => {
  it('batches rows into blocks and ranks exactly as rankBadge on the whole arrays', async () => {
    const n = BADGE_BLOCK_ROWS + 700, d = 3, C = 2;
    const rnd = createSeededRandom(9);
    const h = new Float32Array(n * d).map(() => rnd.next());
    const p = new Float32Array(n * C).map(() => rnd.next());
    const labelled = new Uint8Array(n).map((_, i) => (i % 5 === 0 ? 1 : 0));
    let calls = 0;
    const result = await computeBadgeRanking({
      rowCount: n,
      numClasses: C,
      batchSize: 1000,
      embed: ({ start, count }) => {
        calls++;
        return { h: h.slice(start * d, (start + count) * d), p: p.slice(start * C, (start + count) * C) };
      },
      labelledMask: labelled,
      k: 12,
      maxSeeds: 16,
      rng: createSeededRandom(1).next,
      runId: 'run-7',
      labelVersion: 42,
    });
    expect(calls).toBe(Math.ceil(n / 1000));
    const direct = rankBadge({ h, p, numClasses: C, labelledMask: labelled, k: 12, maxSeeds: 16, rng: createSeededRandom(1).next });
    expect(Array.from(result.ranking)).toEqual(Array.from(direct));
    expect(Array.from(result.ranking).every((r) => labelled[r] === 0)).toBe(true);
    expect(result).toMatchObject({ runId: 'run-7', labelVersion: 42, classIndex: null, dim: 3 });
    expect(Array.from(decodeRankingBlob(encodeRankingBlob(result.ranking)))).toEqual(Array.from(result.ranking));
  });

  it('rejects an embed that returns the wrong number of probabilities', async () => {
    await expect(computeBadgeRanking({
      rowCount: 4, numClasses: 2, rng: Math.random, runId: 'r', labelVersion: 0,
      embed: ({ count }) => ({ h: new Float32Array(count), p: new Float32Array(count) }),
    })).rejects.toThrow(/probabilities/);
  });

  it('the blob is int32 little-endian, best first', () => {
    expect(Array.from(encodeRankingBlob(new Int32Array([1, 256])))).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
  });
});
