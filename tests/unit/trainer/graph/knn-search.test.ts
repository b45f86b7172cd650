// Neighbour searches agree with each other on small data, and recall is computed correctly.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CANDIDATE_FACTOR,
  DEFAULT_CONNECTIVITY,
  DEFAULT_EXPANSION_ADD,
  DEFAULT_EXPANSION_SEARCH,
  DEFAULT_QUANTIZATION,
  bruteForceKnn,
  buildKnnGraph,
  compareNeighbours,
  createNeighbourLists,
  exactKnn,
  hnswKnn,
  measureRecall,
  normaliseRows,
  sampleRows,
} from '../../../../trainer/graph/index.ts';
import { fillRow } from '../../../../trainer/graph/neighbour-picking.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

/** Clustered float32 data: `clusters` Gaussian blobs in d dimensions. */
function clustered(n: number, d: number, clusters: number, seed: number): Float32Array {
  const rng = createSeededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centres = Float32Array.from({ length: clusters * d }, gauss);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters);
    for (let x = 0; x < d; x++) data[i * d + x] = (centres[c * d + x] as number) + 0.5 * gauss();
  }
  return data;
}

// HNSW indexes are built on one native thread here: a multi-threaded build inserts in a varying
// order, so its recall varies from run to run.
describe('kNN searches', () => {
  const n = 600;
  const d = 24;
  const k = 10;
  const unit = normaliseRows({ n, d, data: clustered(n, d, 8, 31) });

  it('usearch exact search equals the typed-array brute force', async () => {
    const exact = await exactKnn(unit, k);
    const reference = bruteForceKnn(unit, k);
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < k; s++) {
        expect(exact.distances[i * k + s]).toBeCloseTo(reference.distances[i * k + s] as number, 5);
      }
    }
    expect(compareNeighbours(exact, reference, Int32Array.from({ length: n }, (_, i) => i)).recall).toBe(1);
  });

  it('exact and HNSW searches stay right across many chunks (no subarray offset mix-up)', async () => {
    const exact = await exactKnn(unit, k, { chunkRows: 64 });
    const approx = await hnswKnn(unit, k, { chunkRows: 64, expansionAdd: 64, expansionSearch: 64, threads: 1 });
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const reference = bruteForceKnn(unit, k);
    expect(compareNeighbours(exact, reference, rows).recall).toBe(1);
    expect(compareNeighbours(approx, reference, rows).recall).toBeGreaterThanOrEqual(0.99);
  });

  it.each(['f32', 'f16', 'i8'] as const)('usearch HNSW (%s) agrees with exact search on small data (recall ≥ 0.99)', async (quantization) => {
    const approx = await hnswKnn(unit, k, { connectivity: 16, expansionAdd: 64, expansionSearch: 64, quantization, threads: 1 });
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const report = compareNeighbours(approx, bruteForceKnn(unit, k), rows);
    expect(report.samples).toBe(n);
    expect(report.recall).toBeGreaterThanOrEqual(0.99);
    for (let i = 0; i < n; i++) expect(Array.from(approx.neighbours.subarray(i * k, (i + 1) * k))).not.toContain(i);
  });

  it('an HNSW graph reports its measured recall', async () => {
    const graph = await buildKnnGraph({ data: unit.data, shape: [n, d] }, { k, exactBelow: 100, recallSamples: 200, threads: 1 });
    expect(graph.params.search).toBe('hnsw');
    expect(graph.params.recallSamples).toBe(200);
    expect(graph.params.recall).toBeGreaterThanOrEqual(0.99);
    expect(graph.params.hnsw).toEqual({
      connectivity: DEFAULT_CONNECTIVITY,
      expansionAdd: DEFAULT_EXPANSION_ADD,
      expansionSearch: DEFAULT_EXPANSION_SEARCH,
      quantization: DEFAULT_QUANTIZATION,
      candidateFactor: DEFAULT_CANDIDATE_FACTOR,
    });
  });

  it('recall counts shared neighbours, and ties with the exact k-th distance as hits', () => {
    const exact = createNeighbourLists(2, 2);
    exact.neighbours.set([1, 2, 0, 2]);
    exact.distances.set([0.1, 0.2, 0.1, 0.3]);
    const approx = createNeighbourLists(3, 2);
    // Row 0: one of two right (3 is farther than the exact 2nd). Row 1: 3 ties with the exact 2nd.
    approx.neighbours.set([1, 3, 0, 3, -1, -1]);
    approx.distances.set([0.1, 0.5, 0.1, 0.3, 0, 0]);
    const report = compareNeighbours(approx, exact, [0, 1]);
    expect(report.samples).toBe(2);
    expect(report.recall).toBeCloseTo(0.75, 12);
  });

  it('measureRecall of exact lists is 1 and of wrong lists is low', async () => {
    const exact = await exactKnn(unit, k);
    expect(measureRecall(unit, exact, 100).recall).toBe(1);
    const wrong = createNeighbourLists(n, k);
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < k; s++) {
        wrong.neighbours[i * k + s] = (i + 1 + s) % n;
        wrong.distances[i * k + s] = 2;
      }
    }
    expect(measureRecall(unit, wrong, 100).recall).toBeLessThan(0.3);
  });

  it('re-ranks every candidate by exact distance, skipping the row itself and repeats', () => {
    // Row 0 = (1, 0); candidates in a misleading order: far 3, self 0, near 1, repeat of 3, middle 2.
    const points = normaliseRows({ n: 4, d: 2, data: new Float32Array([1, 0, 1, 0.1, 1, 0.5, 0, 1]) });
    const lists = createNeighbourLists(1, 2);
    fillRow(lists, 0, points, [3, 0, 1, 3, 2], 0, 5);
    expect(Array.from(lists.neighbours)).toEqual([1, 2]);
    expect(lists.distances[0]).toBeCloseTo(1 - 1 / Math.sqrt(1.01), 7);
  });

  it('samples distinct rows deterministically', () => {
    const a = sampleRows(1000, 50, 4);
    expect(new Set(a).size).toBe(50);
    expect(Array.from(a)).toEqual(Array.from(sampleRows(1000, 50, 4)));
    expect(sampleRows(10, 50).length).toBe(10);
  });
});
