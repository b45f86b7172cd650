// pickIndices: behaviours 7, 8 and 36, unavailable sorts, unknown (NaN) predictions, BADGE ranking
// consumption, seeded reproducibility, weighted draws and skipRows.
import { describe, expect, it } from 'vitest';
import { SAMPLING_ERROR, pickIndices, rowEntropy, sortProblem, type PickRequest } from '../../../../shared/sampling/index.ts';
import { createEmptyLabelTable, type LabelTable } from '../../../../shared/table/label-table.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { tableFromRows } from '../../../helpers/sampling-tables.ts';

/** Behaviour 7's table: foo = 1 on rows 0–49, unknown on 50–99; bar unknown everywhere. */
function behaviourSevenTable(): LabelTable {
  const table = createEmptyLabelTable(100, ['foo', 'bar']);
  (table.labels[0] as Int8Array).fill(1, 0, 50);
  return table;
}

function uniformPredictions(rows: number, classes: number, seed: number): Float32Array {
  const rng = createSeededRandom(seed);
  return Float32Array.from({ length: rows * classes }, () => rng.next());
}

function pick(request: Omit<PickRequest, 'rng'> & { seed?: number }): { rows: number[]; note?: string } {
  const result = pickIndices({ rng: createSeededRandom(request.seed ?? 1).next, ...request });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('behaviours', () => {
  const table = behaviourSevenTable();
  const predictions = uniformPredictions(100, 2, 7);

  it('[B7] maxent: foo over (unlabeled, not excluded, all) with M = 100 gives exactly the 50 rows 50–99', () => {
    const { rows } = pick({ table, sort: 'maxent: foo', count: 100, predictions, subset: { labelStatus: 'unlabeled', excludeStatus: 'not excluded', subsetBy: 'all' } });
    expect(rows).toHaveLength(50);
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
  });

  it('[B7] random with M = 10 gives 10 distinct rows of the subset', () => {
    const { rows } = pick({ table, sort: 'random', count: 10 });
    expect(new Set(rows).size).toBe(10);
    for (const row of rows) expect(row).toBeGreaterThanOrEqual(50);
  });

  it('[B7] highest: foo with foo = linspace(0, 1, 100) and M = 3 gives [99, 98, 97]', () => {
    const linspace = new Float32Array(200);
    for (let row = 0; row < 100; row++) linspace[row * 2] = row / 99;
    expect(pick({ table, sort: 'highest: foo', count: 3, predictions: linspace }).rows).toEqual([99, 98, 97]);
    expect(pick({ table, sort: 'lowest: foo', count: 3, predictions: linspace }).rows).toEqual([50, 51, 52]);
  });

  it('[B8] high: c never returns a zero-weight row when at least M rows have p > 0', () => {
    const preds = new Float32Array(200);
    for (let row = 50; row < 100; row += 5) preds[row * 2] = 0.05 + row / 200; // 10 non-zero rows
    for (let seed = 1; seed <= 50; seed++) {
      const { rows, note } = pick({ table, sort: 'high: foo', count: 10, predictions: preds, seed });
      expect([...rows].sort((a, b) => a - b)).toEqual([50, 55, 60, 65, 70, 75, 80, 85, 90, 95]);
      expect(note).toBeUndefined();
      const fewer = pick({ table, sort: 'high: foo', count: 4, predictions: preds, seed }).rows;
      for (const row of fewer) expect(row % 5).toBe(0);
    }
  });

  it('[B8, fixed] asking for more rows than have non-zero weight returns those rows and says so (the original threw)', () => {
    const preds = new Float32Array(200).fill(1); // low: weights (1 − p)⁴ = 0 everywhere but two rows
    preds[60 * 2] = 0.5;
    preds[70 * 2] = 0.1;
    const { rows, note } = pick({ table, sort: 'low: foo', count: 16, predictions: preds });
    expect([...rows].sort((a, b) => a - b)).toEqual([60, 70]);
    expect(note).toMatch(/only 2 matching images have a non-zero weight/);
  });

  it('[B36] with uniform random predictions (before any training) max entropy still returns M rows', () => {
    const big = createEmptyLabelTable(500, ['a', 'b', 'c']);
    const preds = uniformPredictions(500, 3, 36);
    for (const v of preds) expect(v >= 0 && v < 1).toBe(true);
    const { rows, note } = pick({ table: big, sort: 'max entropy', count: 16, predictions: preds });
    expect(rows).toHaveLength(16);
    expect(new Set(rows).size).toBe(16);
    expect(note).toBeUndefined();
  });
});

describe('max entropy and per-class sorts match a full sort', () => {
  it('max entropy top-M equals the stable full sort by max-over-classes entropy', () => {
    const n = 2000;
    const c = 5;
    const table = createEmptyLabelTable(n, ['a', 'b', 'c', 'd', 'e']);
    const preds = uniformPredictions(n, c, 99);
    const scores = Array.from({ length: n }, (_, row) => rowEntropy(preds.subarray(row * c, row * c + c)));
    const expected = [...scores.keys()].sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y).slice(0, 40);
    expect(pick({ table, sort: 'max entropy', count: 40, predictions: preds }).rows).toEqual(expected);
  });

  it('max entropy, maxent and highest equal a brute-force stable sort on tie-heavy, clipped and NaN data', () => {
    const rng = createSeededRandom(1234);
    const values = [0, 1e-7, 1e-5, 0.2, 0.5, 0.5000001, 0.7, 0.8, 1 - 1e-7, 1, Number.NaN];
    const key = (p: number): number => -Math.min(Math.abs(p - 0.5), 0.5 - 1e-5);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + rng.int(200);
      const c = 1 + rng.int(6);
      const m = rng.int(n + 3);
      const table = createEmptyLabelTable(n, Array.from({ length: c }, (_, k) => `k${k}`));
      const preds = Float32Array.from({ length: n * c }, () => rng.pick(values));
      const rowKey = (row: number): number => {
        let best = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < c; k++) {
          const p = preds[row * c + k] as number;
          if (!Number.isNaN(p)) best = Math.max(best, key(p));
        }
        return best;
      };
      const byKey = (score: (row: number) => number): number[] => {
        const rows = [...Array(n).keys()];
        const known = rows.filter((r) => score(r) !== Number.NEGATIVE_INFINITY && !Number.isNaN(score(r)));
        const unknown = rows.filter((r) => !known.includes(r));
        known.sort((a, b) => score(b) - score(a) || a - b);
        return [...known, ...unknown].slice(0, m);
      };
      expect(pick({ table, sort: 'max entropy', count: m, predictions: preds }).rows).toEqual(byKey(rowKey));
      const col = rng.int(c);
      expect(pick({ table, sort: `maxent: k${col}`, count: m, predictions: preds }).rows).toEqual(byKey((r) => key(preds[r * c + col] as number)));
      expect(pick({ table, sort: `highest: k${col}`, count: m, predictions: preds }).rows).toEqual(byKey((r) => preds[r * c + col] as number));
    }
  });

  it('ties keep first-occurrence order', () => {
    const table = createEmptyLabelTable(6, ['a']);
    const preds = Float32Array.from([0.2, 0.9, 0.9, 0.1, 0.9, 0.0]);
    expect(pick({ table, sort: 'highest: a', count: 2, predictions: preds }).rows).toEqual([1, 2]);
    // 0.0 and 1e-6 both clip to 1e-5: equal entropy, so the earlier row wins.
    const clipped = Float32Array.from([0.3, 1e-6, 0.4, 0.0, 0.5, 0.5]);
    expect(pick({ table, sort: 'maxent: a', count: 6, predictions: clipped }).rows).toEqual([4, 5, 2, 0, 1, 3]);
  });
});

describe('unavailable sorts and bad inputs are values, not exceptions', () => {
  const table = behaviourSevenTable();

  it('sorts that need predictions or a ranking say why', () => {
    for (const sort of ['max entropy', 'maxent: foo', 'highest: bar', 'lowest: foo', 'high: foo', 'low: bar']) {
      expect(pickIndices({ table, sort, count: 4, rng: Math.random })).toMatchObject({ ok: false, code: SAMPLING_ERROR.NEEDS_PREDICTIONS });
      expect(sortProblem(table, sort, {})?.reason).toMatch(/needs predictions/);
    }
    expect(pickIndices({ table, sort: 'BADGE', count: 4, rng: Math.random })).toMatchObject({ ok: false, code: SAMPLING_ERROR.NEEDS_RANKING });
    expect(sortProblem(table, 'diversity', {})).toMatchObject({ code: SAMPLING_ERROR.NEEDS_RANKING });
    expect(sortProblem(table, 'random', {})).toBeNull();
    expect(sortProblem(table, 'BADGE', { ranking: new Int32Array([1]) })).toBeNull();
  });

  it('misshapen predictions, a class with no prediction column yet, unknown options and bad counts', () => {
    const rng = Math.random;
    expect(pickIndices({ table, sort: 'max entropy', count: 4, rng, predictions: new Float32Array(7) })).toMatchObject({ ok: false, code: SAMPLING_ERROR.BAD_INPUT });
    const oneColumn = { predictions: new Float32Array(100).fill(0.5), predictionClasses: ['foo'] };
    expect(pickIndices({ table, sort: 'highest: bar', count: 4, rng, ...oneColumn })).toMatchObject({ ok: false, code: SAMPLING_ERROR.NEEDS_PREDICTIONS });
    expect(pickIndices({ table, sort: 'highest: foo', count: 4, rng, ...oneColumn })).toMatchObject({ ok: true, rows: [50, 51, 52, 53] });
    expect(pickIndices({ table, sort: 'nearest', count: 4, rng })).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(pickIndices({ table, count: 4, rng, subset: { subsetBy: 'unlabeled' } })).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(pickIndices({ table, count: -1, rng })).toMatchObject({ ok: false, code: SAMPLING_ERROR.BAD_COUNT });
    expect(pickIndices({ table, count: 2.5, rng })).toMatchObject({ ok: false, code: SAMPLING_ERROR.BAD_COUNT });
    expect(pickIndices({ table, count: 0, rng })).toEqual({ ok: true, rows: [] });
  });

  it('an empty subset returns no rows and the original\'s warning', () => {
    const labelled = tableFromRows(['x'], [{ labels: [1] }]);
    expect(pickIndices({ table: labelled, count: 16, rng: Math.random })).toEqual({ ok: true, rows: [], note: 'no matching images to load' });
  });
});

describe('unknown (NaN) predictions', () => {
  const table = createEmptyLabelTable(8, ['a', 'b']);
  const preds = Float32Array.from([
    0.9, 0.9, // 0
    Number.NaN, Number.NaN, // 1: unknown
    Number.NaN, 0.5, // 2: max entropy from b alone
    0.1, 0.2, // 3
    Number.NaN, Number.NaN, // 4: unknown
    0.6, Number.NaN, // 5
    0.99, 0.99, // 6
    0.0, 1.0, // 7
  ]);

  it('max entropy skips unknown classes and ranks unknown rows last', () => {
    expect(pick({ table, sort: 'max entropy', count: 3, predictions: preds }).rows).toEqual([2, 5, 3]);
    const all = pick({ table, sort: 'max entropy', count: 8, predictions: preds });
    expect(all.rows).toEqual([2, 5, 3, 0, 6, 7, 1, 4]);
    expect(all.note).toMatch(/2 of these images have no prediction/);
  });

  it('per-class sorts rank unknown rows last; weighted draws never pick them', () => {
    expect(pick({ table, sort: 'highest: a', count: 8, predictions: preds }).rows).toEqual([6, 0, 5, 3, 7, 1, 2, 4]);
    expect(pick({ table, sort: 'lowest: b', count: 3, predictions: preds }).rows).toEqual([3, 2, 0]);
    for (let seed = 1; seed < 30; seed++) {
      const high = pick({ table, sort: 'high: a', count: 8, predictions: preds, seed });
      expect([...high.rows].sort()).toEqual([0, 3, 5, 6]); // row 7 has p = 0
      expect(high.note).toMatch(/only 4/);
    }
  });

  it('an all-unknown prediction block does not crash', () => {
    const nan = new Float32Array(16).fill(Number.NaN);
    expect(pick({ table, sort: 'max entropy', count: 3, predictions: nan }).rows).toEqual([0, 1, 2]);
    expect(pick({ table, sort: 'high: b', count: 3, predictions: nan })).toMatchObject({ rows: [], note: 'no matching images to load' });
  });
});

describe('BADGE ranking', () => {
  const table = createEmptyLabelTable(10, ['a']);
  (table.labels[0] as Int8Array)[3] = 1; // labelled: out of the unlabeled subset
  table.exclude[5] = 1; // excluded: out of the not-excluded subset
  const ranking = Int32Array.from([3, 9, 5, 42, -1, 9, 1, 0, 8, 2, 7, 4, 6]);

  it('takes the next ranked rows that are in the subset, once each, skipping labelled, excluded and bogus entries', () => {
    expect(pick({ table, sort: 'BADGE', count: 4, ranking }).rows).toEqual([9, 1, 0, 8]);
    expect(pick({ table, sort: 'BADGE', count: 4, ranking, skipRows: [1, 8, 3, 5, 42] })).toMatchObject({ rows: [9, 0, 2, 7], skipped: 2 });
  });

  it('as rows get labelled the same ranking yields the following ones; an exhausted ranking says so', () => {
    for (const row of [9, 1, 0, 8]) (table.labels[0] as Int8Array)[row] = 0;
    expect(pick({ table, sort: 'BADGE', count: 4, ranking }).rows).toEqual([2, 7, 4, 6]);
    const short = pick({ table, sort: 'diversity', count: 4, ranking: Int32Array.from([6, 2]) });
    expect(short).toMatchObject({ ok: true, rows: [6, 2], note: 'the diversity ranking has only 2 more matching images' });
  });
});

describe('random and weighted draws', () => {
  const table = createEmptyLabelTable(1000, ['a']);

  it('seeded random is reproducible and distinct seeds differ', () => {
    const a = pick({ table, count: 16, seed: 42 }).rows;
    expect(pick({ table, count: 16, seed: 42 }).rows).toEqual(a);
    expect(pick({ table, count: 16, seed: 43 }).rows).not.toEqual(a);
    expect(new Set(a).size).toBe(16);
  });

  it('random draws are roughly uniform over the subset', () => {
    const small = createEmptyLabelTable(4, ['a']);
    const rng = createSeededRandom(3);
    const hits = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const result = pickIndices({ table: small, count: 1, rng: rng.next });
      if (result.ok) {
        const row = result.rows[0] as number;
        hits[row] = (hits[row] as number) + 1;
      }
    }
    for (const h of hits) expect(Math.abs(h - 1000)).toBeLessThan(120);
  });

  it('high: c draws with weights p⁴', () => {
    const two = createEmptyLabelTable(2, ['a']);
    const preds = Float32Array.from([1, 0.5]); // weights 1 and 1/16: P(row 0 first) = 16/17
    const rng = createSeededRandom(8);
    let first = 0;
    const draws = 4000;
    for (let i = 0; i < draws; i++) {
      const result = pickIndices({ table: two, count: 1, sort: 'high: a', predictions: preds, rng: rng.next });
      if (result.ok && result.rows[0] === 0) first++;
    }
    expect(first / draws).toBeGreaterThan(16 / 17 - 0.02);
    expect(first / draws).toBeLessThan(16 / 17 + 0.02);
  });

  it('high: c inclusion frequencies match sequential weighted sampling without replacement (N = 7, M = 2)', () => {
    const ps = [0.6, 1, 0.9, 0.8, 0.6, 0.5, 0];
    const weights = ps.map((p) => p ** 4);
    const total = weights.reduce((a, b) => a + b, 0);
    // Exact: P(i in the pair) = Σ_j [w_i/W · w_j/(W − w_i) + w_j/W · w_i/(W − w_j)].
    const exact = weights.map((wi, i) =>
      weights.reduce((sum, wj, j) => (j === i ? sum : sum + (wi / total) * (wj / (total - wi)) + (wj / total) * (wi / (total - wj))), 0),
    );
    const seven = createEmptyLabelTable(7, ['a']);
    const preds = Float32Array.from(ps);
    const rng = createSeededRandom(21);
    const hits = new Array<number>(7).fill(0);
    const draws = 20_000;
    for (let d = 0; d < draws; d++) {
      const result = pickIndices({ table: seven, count: 2, sort: 'high: a', predictions: preds, rng: rng.next });
      if (!result.ok) throw new Error(result.reason);
      for (const row of result.rows) hits[row] = (hits[row] as number) + 1;
    }
    hits.forEach((h, i) => expect(Math.abs(h / draws - (exact[i] as number))).toBeLessThan(0.015));
    expect(hits[6]).toBe(0);
  });

  it('high: c stays unbiased along long tables (the jump phase), for M = 1 and M = 8', () => {
    const n = 300;
    const long = createEmptyLabelTable(n, ['a']);
    const preds = Float32Array.from({ length: n }, (_, row) => (row % 2 === 0 ? 1 : 0.5)); // weights 1 and 1/16
    const rng = createSeededRandom(77);
    for (const m of [1, 8]) {
      let heavy = 0;
      let early = 0;
      let total = 0;
      for (let d = 0; d < 3000; d++) {
        const result = pickIndices({ table: long, count: m, sort: 'high: a', predictions: preds, rng: rng.next });
        if (!result.ok) throw new Error(result.reason);
        for (const row of result.rows) {
          total++;
          if (row % 2 === 0) heavy++;
          if (row < n / 2) early++;
        }
      }
      if (m === 1) expect(Math.abs(heavy / total - 16 / 17)).toBeLessThan(0.015);
      expect(Math.abs(early / total - 0.5)).toBeLessThan(0.03);
    }
  });

  it('skipRows removes rows from every sort', () => {
    const preds = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const skip = Array.from({ length: 990 }, (_, i) => i);
    for (const sort of ['random', 'highest: a', 'lowest: a', 'high: a', 'low: a', 'maxent: a', 'max entropy']) {
      const { rows, skipped } = pickIndices({ table, sort, count: 16, predictions: preds, skipRows: skip, rng: createSeededRandom(1).next }) as {
        rows: number[];
        skipped?: number;
      };
      expect([...rows].sort((a, b) => a - b)).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
      expect(skipped).toBe(990);
    }
  });
});
