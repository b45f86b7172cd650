// The trainer's kNN graph: behaviour 20 (worked example through the real build), 22 (shape,
// sparsity, diagonal, range), duplicates, pooling, unreachable components, abort and progress.
import { describe, expect, it } from 'vitest';
import { graphToDense, propagateLabels } from '../../../../shared/propagation/index.ts';
import { buildKnnGraph, bruteForceKnn, normaliseRows, poolFeatures } from '../../../../trainer/graph/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import {
  WORKED_NEIGHBOURS,
  WORKED_P1,
  WORKED_P10,
  WORKED_W,
  tableFrom,
  workedFeatures,
  workedTable,
} from '../../../helpers/propagation-fixtures.ts';

/** n random unit-ish Gaussian vectors of dimension d, float32, row-major. */
function gaussianRows(n: number, d: number, seed: number): Float32Array {
  const rng = createSeededRandom(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  }
  return data;
}

describe('buildKnnGraph', () => {
  it('[B20] worked example §6.3 through the real build: neighbours, W and P to 1e-4', async () => {
    const graph = await buildKnnGraph(workedFeatures(), { k: 2, temperature: 0.1 });
    for (let i = 0; i < 4; i++) {
      const row = Array.from(graph.indices.subarray(graph.indptr[i], graph.indptr[i + 1]));
      expect(row.sort()).toEqual([...(WORKED_NEIGHBOURS[i] as number[])].sort());
    }
    const dense = graphToDense(graph);
    WORKED_W.flat().forEach((w, x) => expect(Math.abs((dense[x] as number) - w)).toBeLessThan(1e-4));
    const p1 = propagateLabels(graph, workedTable(), { iterations: 1 });
    const p10 = propagateLabels(graph, workedTable(), { iterations: 10 });
    WORKED_P1.forEach((p, i) => expect(Math.abs((p1.values[i] as number) - p)).toBeLessThan(1e-4));
    WORKED_P10.forEach((p, i) => expect(Math.abs((p10.values[i] as number) - p)).toBeLessThan(1e-4));
    expect(graph.params).toMatchObject({ k: 2, temperature: 0.1, search: 'exact', recall: 1 });
  });

  it('[B22] 100 random unit vectors, k = 5: 100 × 100, only the 5 nearest per row, diagonal 0, entries in [0, 1]', async () => {
    const n = 100;
    const d = 16;
    const data = gaussianRows(n, d, 22);
    const graph = await buildKnnGraph({ data, shape: [n, d] }, { k: 5 });
    expect(graph.n).toBe(n);
    expect(graph.indptr.length).toBe(n + 1);
    const dense = graphToDense(graph);
    expect(dense.length).toBe(n * n);
    const reference = bruteForceKnn(normaliseRows({ n, d, data }), 5);
    for (let i = 0; i < n; i++) {
      expect(dense[i * n + i]).toBe(0);
      const nonZero: number[] = [];
      for (let j = 0; j < n; j++) {
        const w = dense[i * n + j] as number;
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(1);
        if (w > 0) nonZero.push(j);
      }
      const nearest = Array.from(reference.neighbours.subarray(i * 5, i * 5 + 5)).sort((a, b) => a - b);
      expect(nonZero).toEqual(nearest);
    }
  });

  it('gives two identical points each other as neighbour, never themselves', async () => {
    // Rows 0 and 3 are the same vector; rows 1 and 2 are far from it and from each other.
    const data = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const graph = await buildKnnGraph({ data, shape: [4, 3] }, { k: 1 });
    const neighbourOf = (i: number): number => graph.indices[graph.indptr[i] as number] as number;
    expect(neighbourOf(0)).toBe(3);
    expect(neighbourOf(3)).toBe(0);
    for (let i = 0; i < 4; i++) {
      expect(Array.from(graph.indices.subarray(graph.indptr[i], graph.indptr[i + 1]))).not.toContain(i);
    }
    // Many copies of one point: each row still lists k others, none of them itself.
    const copies = new Float32Array(8 * 2).fill(0.5);
    const dup = await buildKnnGraph({ data: copies, shape: [8, 2] }, { k: 3 });
    for (let i = 0; i < 8; i++) {
      const row = Array.from(dup.indices.subarray(dup.indptr[i], dup.indptr[i + 1]));
      expect(row).toHaveLength(3);
      expect(row).not.toContain(i);
      expect(new Set(row).size).toBe(3);
    }
  });

  it('average-pools (N, h, w, c) feature maps and caps k at N − 1', async () => {
    // Channel 1 is 1 on half the width: pooled to [0, 0.5] (behaviour 23's average case).
    const shape = [1, 5, 4, 2];
    const data = new Float32Array(40);
    for (let y = 0; y < 5; y++) for (let x = 0; x < 2; x++) data[(y * 4 + x) * 2 + 1] = 1;
    const pooled = poolFeatures({ data, shape });
    expect(Array.from(pooled.data)).toEqual([0, 0.5]);
    expect(() => poolFeatures({ data: new Float32Array(6), shape: [1, 2, 3] })).toThrow(/shape/);
    const maps = gaussianRows(3 * 2 * 2 * 4, 1, 5);
    const graph = await buildKnnGraph({ data: maps, shape: [3, 2, 2, 4] }, { k: 10 });
    expect(graph.params.featureDim).toBe(4);
    expect(Array.from(graph.indptr)).toEqual([0, 2, 4, 6]);
  });

  it('leaves a component without labels unknown after propagation', async () => {
    // Two tight clusters far apart (orthogonal directions); labels only in the first.
    const rng = createSeededRandom(9);
    const n = 20;
    const data = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      const base = i < 10 ? [1, 0.2, 0, 0] : [0, 0, 1, 0.2];
      base.forEach((v, x) => (data[i * 4 + x] = v + 0.01 * rng.next()));
    }
    const graph = await buildKnnGraph({ data, shape: [n, 4] }, { k: 3 });
    const table = tableFrom(n, ['a'], [{ 0: 1, 1: 0 }]);
    const result = propagateLabels(graph, table, { iterations: 20 });
    for (let i = 0; i < 10; i++) expect(result.reached[i]).toBe(1);
    for (let i = 10; i < n; i++) expect(Number.isNaN(result.values[i])).toBe(true);
    expect(result.unreachedRows).toBe(10);
  });

  it('reports progress and stops when aborted', async () => {
    const data = gaussianRows(50, 8, 3);
    const phases = new Set<string>();
    await buildKnnGraph({ data, shape: [50, 8] }, { k: 4, onProgress: (p) => phases.add(p.phase) });
    expect(phases.has('search')).toBe(true);
    expect(phases.has('weights')).toBe(true);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(buildKnnGraph({ data, shape: [50, 8] }, { signal: controller.signal })).rejects.toThrow('stop now');
    const late = new AbortController();
    const pending = buildKnnGraph({ data, shape: [50, 8] }, {
      exactBelow: 0,
      signal: late.signal,
      onProgress: (p) => {
        if (p.phase === 'index') late.abort(new Error('cancelled mid-build'));
      },
    });
    await expect(pending).rejects.toThrow('cancelled mid-build');
  });

  it('rejects bad parameters', async () => {
    const data = gaussianRows(10, 4, 1);
    await expect(buildKnnGraph({ data, shape: [10, 4] }, { k: 0 })).rejects.toThrow(/k must/);
    await expect(buildKnnGraph({ data, shape: [10, 4] }, { temperature: -1 })).rejects.toThrow(/temperature/);
    await expect(buildKnnGraph({ data, shape: [10, 5] })).rejects.toThrow(/does not match/);
  });
});
