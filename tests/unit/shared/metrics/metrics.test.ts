// Behaviours 28 and 29: AUC/accuracy helper and the class histograms of model outputs.
import { describe, expect, it } from 'vitest';
import { aucAccuracy, classHistogram, histogram, histogramEdges, rocAuc } from '../../../../shared/metrics/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';

describe('AUC and accuracy', () => {
  it('[B28] pos [0.9, 0.4] vs neg [0.1, 0.6] → AUC 0.75, accuracy 0.5', () => {
    const r = aucAccuracy({ pos: [0.9, 0.4], neg: [0.1, 0.6] });
    expect(r.auc).toBeCloseTo(0.75, 10);
    expect(r.accuracy).toBeCloseTo(0.5, 10);
  });
  it('[B28] an empty side gives (0, 0)', () => {
    expect(aucAccuracy({ pos: [], neg: [0.1] })).toEqual({ auc: 0, accuracy: 0 });
    expect(aucAccuracy({ pos: [0.3], neg: [] })).toEqual({ auc: 0, accuracy: 0 });
  });
  it('ties count half and AUC matches the pairwise definition', () => {
    expect(rocAuc([0.5], [0.5])).toBe(0.5);
    const pos = [0.1, 0.5, 0.5, 0.9, 0.3];
    const neg = [0.5, 0.2, 0.2, 0.95];
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(rocAuc(pos, neg)).toBeCloseTo(wins / (pos.length * neg.length), 12);
  });
});

describe('histograms', () => {
  it('[B29] 15 edges over [0, 1]; the second is 0.0714286', () => {
    const edges = histogramEdges();
    expect(edges).toHaveLength(15);
    expect(edges[0]).toBe(0);
    expect(edges[1]).toBeCloseTo(0.0714286, 6);
    expect(edges[14]).toBe(1);
  });
  it('bins are half-open except the last, and density integrates to 1', () => {
    expect(histogram([0, 1 / 14, 1, 0.999])).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    const d = histogram([0.1, 0.2, 0.3, 0.95], { density: true });
    expect(d.reduce((a, b) => a + b / 14, 0)).toBeCloseTo(1, 10);
  });
  it('[B29] unlabelled = every row whose class value is unlabelled, whatever its split', () => {
    const t = createEmptyLabelTable(6, ['a']);
    const a = t.labels[0] as Int8Array;
    a.set([1, 0, -1, 1, 0, -1]);
    t.validation.set([0, 0, 0, 1, 1, 1]);
    t.exclude.set([0, 0, 1, 0, 0, 0]);
    const preds = Float32Array.from([0.9, 0.1, 0.5, 0.8, 0.7, 0.2]);
    const h = classHistogram(t, preds, 0, { density: false });
    expect(h.counts).toEqual({ trainPos: 1, trainNeg: 1, valPos: 1, valNeg: 1, unlabelled: 2 });
    expect(h.series.unlabelled.reduce((x, y) => x + y, 0)).toBe(2);
    expect(h.train).toEqual({ auc: 1, accuracy: 1 });
    expect(h.val.auc).toBe(1);
    expect(h.val.accuracy).toBe(0.5);
  });
});
