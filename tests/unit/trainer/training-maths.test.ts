// Behaviours 11, 12, 24, 27, 33 (fixed variant) and 34: the trainer's pure maths in shared/training.
import { describe, expect, it } from 'vitest';
import {
  ConvnetSpecError,
  NothingToTrainOnError,
  convnetOutputShape,
  createRng,
  createStratifiedSampler,
  drawRows,
  earlyStopEpoch,
  fixMatchTargets,
  labelMatrix,
  learningRateAt,
  parseConvnetSpec,
  rowProbabilities,
  strongAugment,
  weakAugment,
} from '../../../shared/training/index.ts';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';

/** §4.1 worked example: a = [1,1,1,0], b = [0,0,0,0], plus an excluded and a validation row. */
function exampleTable() {
  const t = createEmptyLabelTable(6, ['a', 'b']);
  (t.labels[0] as Int8Array).set([1, 1, 1, 0, 1, 0]);
  (t.labels[1] as Int8Array).set([0, 0, 0, 0, 0, 1]);
  t.exclude[4] = 1;
  t.validation[5] = 1;
  return t;
}

describe('stratified sampler', () => {
  it.each([
    ['class', 0.416667, 0.194444],
    ['instance', 0.25, 0.25],
    ['squareroot', 0.316987, 0.227671],
  ] as const)('[B11] %s: exact P(r3) and P(r0)', (strategy, p3, p0) => {
    const s = createStratifiedSampler(exampleTable(), strategy);
    expect(s.buckets.map((b) => `${b.classIndex}:${b.value}:${b.rows.length}`)).toEqual(['0:0:1', '0:1:3', '1:0:4']);
    const p = rowProbabilities(s, 6);
    expect(p[3]).toBeCloseTo(p3, 4);
    expect(p[0]).toBeCloseTo(p0, 4);
    expect(p[4]).toBe(0);
    expect(p[5]).toBe(0);
  });
  it.each([
    ['class', 0.4167],
    ['instance', 0.25],
    ['squareroot', 0.317],
  ] as const)('[B11] %s: 1e5 draws hit r3 at the expected rate, never excluded or validation rows', (strategy, p3) => {
    const rows = drawRows(createStratifiedSampler(exampleTable(), strategy), 100_000, createRng(7));
    let r3 = 0;
    let forbidden = 0;
    for (const r of rows) {
      if (r === 4 || r === 5) forbidden++;
      if (r === 3) r3++;
    }
    expect(forbidden).toBe(0);
    expect(r3 / rows.length).toBeGreaterThan(p3 - 0.01);
    expect(r3 / rows.length).toBeLessThan(p3 + 0.01);
  });
  it('[B11] label matrix has shape (N, C) with unlabelled → -1', () => {
    const t = exampleTable();
    (t.labels[1] as Int8Array)[2] = -1;
    expect(Array.from(labelMatrix(t, [2, 3]))).toEqual([1, -1, 0, 0]);
  });
  it('[B12] no labelled training rows → "nothing to train on"', () => {
    const t = createEmptyLabelTable(3, ['a']);
    (t.labels[0] as Int8Array).set([1, 0, -1]);
    t.validation.set([1, 0, 0]);
    t.exclude.set([0, 1, 0]);
    expect(() => createStratifiedSampler(t)).toThrow(NothingToTrainOnError);
    expect(() => createStratifiedSampler(t)).toThrow(/nothing to train on/);
  });
  it('is reproducible with a seeded RNG', () => {
    const s = createStratifiedSampler(exampleTable());
    expect(drawRows(s, 50, createRng(3))).toEqual(drawRows(s, 50, createRng(3)));
  });
});

describe('learning-rate schedule and early stop', () => {
  it('[B33 fixed] cosine decay counted in steps: 0 at step 1000 with T = 100 × 10', () => {
    expect(learningRateAt(0, 1e-3, 'cosine', 1000)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(500, 1e-3, 'cosine', 1000)).toBeCloseTo(0.5e-3, 12);
    expect(learningRateAt(1000, 1e-3, 'cosine', 1000)).toBeCloseTo(0, 12);
    expect(learningRateAt(1000, 1e-3, 'none', 1000)).toBe(1e-3);
  });
  it('[B34] X = 2 with losses [1.0, 0.9, 0.95, 0.97] stops after the 4th epoch; X = 0 never', () => {
    expect(earlyStopEpoch([1.0, 0.9, 0.95, 0.97], 2)).toBe(3);
    expect(earlyStopEpoch([1.0, 0.9, 0.95], 2)).toBe(-1);
    expect(earlyStopEpoch([1.0, 0.9, 0.95, 0.97, 1.2], 0)).toBe(-1);
    expect(earlyStopEpoch([1.0, 1.1, 0.9, 1.0, 1.1], 2)).toBe(4);
  });
});

describe('Convnet spec', () => {
  it('[B24] parses integers, p, d and r with whitespace stripped', () => {
    expect(parseConvnetSpec(' 128, p ,d,r ')).toEqual([{ kind: 'conv', filters: 128 }, { kind: 'pool' }, { kind: 'dropout' }, { kind: 'residual' }]);
  });
  it.each(['x', '', '10,,p', '10,1.5', '-3'])('[B24] "%s" is an error', (spec) => {
    expect(() => parseConvnetSpec(spec)).toThrow(ConvnetSpecError);
  });
  it('[B24] output widths: "10,p,11" → 11, "7,p,d,11,p,d,13" → 13; r keeps the channel count', () => {
    expect(convnetOutputShape(parseConvnetSpec('10,p,11'), { height: 7, width: 7, channels: 3 })).toEqual({ height: 3, width: 3, channels: 11 });
    expect(convnetOutputShape(parseConvnetSpec('7,p,d,11,p,d,13'), { height: 8, width: 8, channels: 3 }).channels).toBe(13);
    expect(convnetOutputShape(parseConvnetSpec('9,r'), { height: 4, width: 4, channels: 3 }).channels).toBe(9);
    expect(() => convnetOutputShape(parseConvnetSpec('p,p'), { height: 3, width: 3, channels: 1 })).toThrow(ConvnetSpecError);
  });
});

describe('FixMatch targets and feature augmentation', () => {
  it('[B27] τ = 0.95: p = [0.97, 0.5, 0.02, 0.96, 0.04] → mask [1,0,1,1,1], pseudo [1,0,0,1,0]', () => {
    const { mask, pseudoLabels } = fixMatchTargets([0.97, 0.5, 0.02, 0.96, 0.04], 0.95);
    expect(Array.from(mask)).toEqual([1, 0, 1, 1, 1]);
    expect(Array.from(pseudoLabels)).toEqual([1, 0, 0, 1, 0]);
  });
  it('weak augmentation permutes cells (multiset and per-channel sums kept)', () => {
    const shape = { height: 3, width: 3, channels: 2 };
    const batch = Float32Array.from({ length: 2 * 18 }, (_, i) => i);
    const before = Array.from(batch).sort((a, b) => a - b);
    weakAugment(batch, 2, shape, createRng(1));
    expect(Array.from(batch).sort((a, b) => a - b)).toEqual(before);
    for (let b = 0; b < 2; b++) {
      let even = 0;
      for (let i = 0; i < 9; i++) even += batch[b * 18 + i * 2] as number;
      expect(even).toBe(Array.from({ length: 9 }, (_, i) => b * 18 + i * 2).reduce((x, y) => x + y, 0));
    }
  });
  it('strong augmentation changes the map and is reproducible', () => {
    const shape = { height: 4, width: 4, channels: 3 };
    const make = () => Float32Array.from({ length: 48 }, (_, i) => i / 48);
    const a = make();
    const b = make();
    strongAugment(a, 1, shape, createRng(5));
    strongAugment(b, 1, shape, createRng(5));
    expect(a).toEqual(b);
    expect(a).not.toEqual(make());
  });
});
