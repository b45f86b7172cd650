// Label propagation (shared/propagation): the §6.3 worked example, unknown rows, seeding rules.
import { describe, expect, it } from 'vitest';
import {
  createNormalisedGraph,
  graphToDense,
  propagateLabels,
  type GraphParams,
  type KnnGraph,
} from '../../../../shared/propagation/index.ts';
import {
  WORKED_ANGLES_DEG,
  WORKED_NEIGHBOURS,
  WORKED_P1,
  WORKED_P10,
  WORKED_W,
  tableFrom,
  workedTable,
} from '../../../helpers/propagation-fixtures.ts';

function params(k: number, temperature: number): GraphParams {
  return { k, temperature, metric: 'cosine', search: 'exact', recall: 1, recallSamples: 0, featureDim: 2 };
}

/** The §6.3 graph from hand-written neighbour lists and exact cosine distances. */
function workedGraph(): KnnGraph {
  const k = 2;
  const neighbours = new Int32Array(WORKED_NEIGHBOURS.flat());
  const distances = new Float64Array(8);
  WORKED_NEIGHBOURS.forEach((row, i) =>
    row.forEach((j, s) => {
      const a = WORKED_ANGLES_DEG[i] as number;
      const b = WORKED_ANGLES_DEG[j] as number;
      distances[i * k + s] = 1 - Math.cos(((a - b) * Math.PI) / 180);
    }),
  );
  return createNormalisedGraph({ n: 4, k, neighbours, distances }, params(k, 0.1));
}

/** A chain graph 0 — 1 — … — (n−1), each row linked to its two sides at distance `d`. */
function chainGraph(n: number, links: [number, number][], d = 0.1): KnnGraph {
  const k = 2;
  const neighbours = new Int32Array(n * k).fill(-1);
  const distances = new Float64Array(n * k);
  const fill = new Int32Array(n);
  for (const [a, b] of links) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const s = fill[from] as number;
      neighbours[from * k + s] = to;
      distances[from * k + s] = d;
      fill[from] = s + 1;
    }
  }
  return createNormalisedGraph({ n, k, neighbours, distances }, params(k, 0.1));
}

describe('propagateLabels', () => {
  it('[B20] worked example §6.3: W matches to 1e-4', () => {
    const dense = graphToDense(workedGraph());
    WORKED_W.flat().forEach((w, x) => expect(dense[x]).toBeCloseTo(w, 4));
  });

  it('[B20] worked example §6.3: P at t = 1 and t = 10 match to 1e-4', () => {
    const graph = workedGraph();
    const p1 = propagateLabels(graph, workedTable(), { iterations: 1 });
    WORKED_P1.forEach((p, i) => expect(Math.abs((p1.values[i] as number) - p)).toBeLessThan(1e-4));
    const p10 = propagateLabels(graph, workedTable(), { iterations: 10 });
    WORKED_P10.forEach((p, i) => expect(Math.abs((p10.values[i] as number) - p)).toBeLessThan(1e-4));
    expect(p10.reachedCount).toEqual([4]);
    expect(p10.unreachedRows).toBe(0);
    expect(p10.seeds).toEqual([{ positive: 1, negative: 1 }]);
  });

  it('uses 10 iterations by default and records provenance', () => {
    const result = propagateLabels(workedGraph(), workedTable(), { labelVersion: 42 });
    expect(result.provenance.iterations).toBe(10);
    expect(result.provenance.labelVersion).toBe(42);
    expect(result.provenance.graph.temperature).toBe(0.1);
    expect(Math.abs((result.values[2] as number) - (WORKED_P10[2] as number))).toBeLessThan(1e-4);
  });

  it('[B21] rows no label reaches are unknown (NaN), counted, and never a crash', () => {
    // Two components: 0—1—2 holds the labels, 3—4 holds none.
    const graph = chainGraph(5, [[0, 1], [1, 2], [3, 4]]);
    const table = tableFrom(5, ['a', 'b'], [{ 0: 1, 2: 0 }, { 0: 0 }]);
    const result = propagateLabels(graph, table, { iterations: 10 });
    for (const row of [3, 4]) {
      for (let c = 0; c < 2; c++) {
        expect(Number.isNaN(result.values[row * 2 + c])).toBe(true);
        expect(result.reached[row * 2 + c]).toBe(0);
      }
    }
    for (const row of [0, 1, 2]) {
      for (let c = 0; c < 2; c++) {
        const p = result.values[row * 2 + c] as number;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(result.reached[row * 2 + c]).toBe(1);
      }
    }
    expect(result.reachedCount).toEqual([3, 3]);
    expect(result.unreachedRows).toBe(2);
  });

  it('[B21] validation and excluded rows never act as sources', () => {
    const graph = chainGraph(4, [[0, 1], [1, 2], [2, 3]]);
    // Row 0 (positive) is validation and row 3 (negative) excluded: nothing seeds, all unknown.
    const table = tableFrom(4, ['a'], [{ 0: 1, 3: 0 }], { validation: [0], exclude: [3] });
    const result = propagateLabels(graph, table, { iterations: 5 });
    expect(result.seeds).toEqual([{ positive: 0, negative: 0 }]);
    expect(result.reachedCount).toEqual([0]);
    expect(Array.from(result.values).every(Number.isNaN)).toBe(true);
    // With row 1 as a training negative, the validation positive at row 0 still counts for nothing.
    const withTraining = tableFrom(4, ['a'], [{ 0: 1, 1: 0, 3: 0 }], { validation: [0], exclude: [3] });
    const second = propagateLabels(graph, withTraining, { iterations: 5 });
    for (let i = 0; i < 4; i++) expect(second.values[i]).toBe(0);
  });

  it('clamps only the seeded cells: a labelled row drifts with its neighbours', () => {
    const graph = chainGraph(2, [[0, 1]]);
    const table = tableFrom(2, ['a'], [{ 0: 1, 1: 0 }]);
    const result = propagateLabels(graph, table, { iterations: 3 });
    // Each row receives its neighbour's opposite label, so neither stays at exactly 1 or 0.
    expect(result.values[0]).toBeCloseTo(0.5, 6);
    expect(result.values[1]).toBeCloseTo(0.5, 6);
  });

  it('t = 0 returns the seeds alone', () => {
    const result = propagateLabels(workedGraph(), workedTable(), { iterations: 0 });
    expect(result.values[0]).toBe(1);
    expect(result.values[3]).toBe(0);
    expect(Number.isNaN(result.values[1])).toBe(true);
    expect(result.reachedCount).toEqual([2]);
  });

  it('rejects a table of another size and bad iteration counts', () => {
    expect(() => propagateLabels(workedGraph(), tableFrom(5, ['a'], [{}]))).toThrow(/4 rows/);
    expect(() => propagateLabels(workedGraph(), workedTable(), { iterations: -1 })).toThrow(/iterations/);
    expect(() => propagateLabels(workedGraph(), workedTable(), { iterations: 1.5 })).toThrow(/iterations/);
  });
});

describe('createNormalisedGraph', () => {
  it('keeps the N × N shape when the last rows are nobody\'s neighbour', () => {
    // Rows 2 and 3 point at 0 and 1; nothing points at 2 or 3 (the original would shrink the shape).
    const neighbours = new Int32Array([1, 0, 0, 1]);
    const distances = new Float64Array([0.1, 0.1, 0.2, 0.3]);
    const graph = createNormalisedGraph({ n: 4, k: 1, neighbours, distances }, params(1, 0.1));
    expect(graph.n).toBe(4);
    expect(graph.indptr.length).toBe(5);
    expect(graphToDense(graph).length).toBe(16);
  });

  it('stays finite at a temperature where exp(−d/T) underflows float64', () => {
    const neighbours = new Int32Array([1, 0, 0]);
    const distances = new Float64Array([1.5, 1.5, 1.9]);
    const graph = createNormalisedGraph({ n: 3, k: 1, neighbours, distances }, params(1, 1e-4));
    expect(Math.exp(-1.5 / 1e-4)).toBe(0);
    expect(Array.from(graph.data).every((w) => Number.isFinite(w) && w >= 0 && w <= 1 + 1e-12)).toBe(true);
    expect(graph.data[0]).toBeCloseTo(1, 12);
  });

  it('rejects a self-loop, an out-of-range neighbour and a bad temperature', () => {
    const distances = new Float64Array([0.1, 0.1]);
    expect(() => createNormalisedGraph({ n: 2, k: 1, neighbours: new Int32Array([0, 0]), distances }, params(1, 0.1))).toThrow(/invalid/);
    expect(() => createNormalisedGraph({ n: 2, k: 1, neighbours: new Int32Array([2, 0]), distances }, params(1, 0.1))).toThrow(/invalid/);
    expect(() => createNormalisedGraph({ n: 2, k: 1, neighbours: new Int32Array([1, 0]), distances }, params(1, 0))).toThrow(/temperature/);
  });
});
