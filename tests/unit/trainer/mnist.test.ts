// Training on real MNIST digits (the `mnist` package, 28×28×1 pixel maps) with a small Convnet on
// the wasm backend: a few hundred labels beat a held-out accuracy threshold, the run record is
// complete, and a fixed seed gives the same predictions twice.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';
import type { LabelTable } from '../../../shared/table/label-table.ts';
import { DEFAULT_TRAIN_OPTIONS, parseModelSpec } from '../../../shared/training/index.ts';
import { createTrainerSession } from '../../../trainer/train/index.ts';
import type { RunOutcome } from '../../../trainer/train/index.ts';
import { loadMnist } from '../../helpers/trainer-data.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../helpers/trainer-tf.ts';

const CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Labelled training images per digit (300 labels in all). */
const TRAIN_PER_DIGIT = 30;
/** Held-out validation images per digit. */
const VAL_PER_DIGIT = 20;
/** Held-out accuracy (argmax over the 10 class outputs) the model must beat; chance is 0.1. */
const ACCURACY_THRESHOLD = 0.6;

beforeAll(async () => useTrainerBackend('wasm'));

function mnistTable(digits: Int32Array): LabelTable {
  const table = createEmptyLabelTable(digits.length, CLASSES);
  digits.forEach((d, row) => {
    const labelled = row < (TRAIN_PER_DIGIT + VAL_PER_DIGIT) * 10;
    for (let c = 0; c < 10; c++) (table.labels[c] as Int8Array)[row] = labelled ? (c === d ? 1 : 0) : -1;
    table.validation[row] = row >= TRAIN_PER_DIGIT * 10 && labelled ? 1 : 0;
  });
  return table;
}

describe('MNIST', () => {
  const { features, digits } = loadMnist(TRAIN_PER_DIGIT + VAL_PER_DIGIT + 10);
  const table = mnistTable(digits);
  const model = parseModelSpec({ fineTuning: { kind: 'convnet', layers: '8,p,d,8,p', kernelSize: 3, dropoutRate: 0.1, poolingType: 'flatten' } });
  const training = { ...DEFAULT_TRAIN_OPTIONS, batchSize: 32, batchesPerEpoch: 30, epochs: 2, learningRate: 0.01, sampling: 'instance' as const, predictionBatchSize: 128, seed: 7 };
  const runOnce = async (overrides: Partial<typeof training> = {}): Promise<RunOutcome> => {
    const session = createTrainerSession(features, 'test-trainer');
    const outcome = await session.run({ runId: 'r1', table, labelVersion: 42, model, training: { ...training, ...overrides } });
    session.dispose();
    return outcome;
  };
  let first: RunOutcome;

  beforeAll(async () => {
    first = await expectNoLeakedTensors(() => runOnce());
  });

  it(`a small Convnet on ${TRAIN_PER_DIGIT * 10} labels beats ${ACCURACY_THRESHOLD} held-out accuracy`, () => {
    const p = first.predictions as Float32Array;
    expect(p).toHaveLength(features.count * 10);
    let correct = 0;
    let total = 0;
    for (let row = 0; row < features.count; row++) {
      if (table.validation[row] !== 1) continue;
      let best = 0;
      for (let c = 1; c < 10; c++) if ((p[row * 10 + c] as number) > (p[row * 10 + best] as number)) best = c;
      correct += best === digits[row] ? 1 : 0;
      total++;
    }
    expect(total).toBe(VAL_PER_DIGIT * 10);
    expect(correct / total).toBeGreaterThan(ACCURACY_THRESHOLD);
    const meanValAuc = first.record.metrics.reduce((a, m) => a + m.val.auc, 0) / 10;
    expect(meanValAuc).toBeGreaterThan(0.9);
  });

  it('writes a complete run record', () => {
    const r = first.record;
    expect(r.status).toBe('done');
    expect(r.steps).toBe(60);
    expect(r.labelVersion).toBe(42);
    expect(r.trainer.backend).toBe('wasm');
    expect(r.trainer.name).toBe('test-trainer');
    expect(r.counts).toEqual({ training: TRAIN_PER_DIGIT * 10, validation: VAL_PER_DIGIT * 10 });
    expect(r.loss.supervised).toHaveLength(60);
    expect(r.loss.validation).toHaveLength(2);
    expect(r.histograms).toHaveLength(10);
    expect(r.histograms[3]?.counts.unlabelled).toBe(100);
    expect(r.params.output).toBe(7 * 7 * 8 * 10 + 10);
    expect(r.config.training.seed).toBe(7);
    expect(first.model?.weights.length).toBe(r.params.total * 4);
  });

  it('a fixed seed gives the same result twice', async () => {
    // Two short runs (5 steps each, dropout active) from the same seed.
    const short = { batchesPerEpoch: 5, epochs: 1 };
    const a = await runOnce(short);
    const b = await runOnce(short);
    expect(b.record.loss.supervised).toEqual(a.record.loss.supervised);
    expect(b.predictions).toEqual(a.predictions);
    expect(a.record.loss.supervised).toEqual(first.record.loss.supervised.slice(0, 5));
  });
});
