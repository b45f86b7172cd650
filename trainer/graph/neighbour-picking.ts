// Turns raw search results (k + 1 candidates per query, the query itself usually among them) into
// k neighbours per row: drops the query's own index (not "the first column", so a duplicate point
// is kept as a neighbour), recomputes each distance in float64 and orders the row by it.
import type { NeighbourLists } from '../../shared/propagation/index.ts';
import { cosineDistance, type FeatureMatrix } from './features.ts';

/** Empty neighbour lists for n rows of k slots (every slot −1). */
export function createNeighbourLists(n: number, k: number): NeighbourLists {
  return { n, k, neighbours: new Int32Array(n * k).fill(-1), distances: new Float64Array(n * k) };
}

/**
 * Fills list row `slot` (default: `row`) of `out` with the k nearest of `count` candidate keys
 * starting at `keys[offset]`, for feature row `row`: skips the row's own index and any repeat,
 * recomputes every candidate's cosine distance in float64 from `unit` and keeps the k smallest,
 * ordered by distance (ties keep the search order). Passing more than k + 1 candidates from a
 * quantised or approximate search therefore re-ranks them exactly.
 */
export function fillRow(
  out: NeighbourLists,
  row: number,
  unit: FeatureMatrix,
  keys: ArrayLike<bigint | number>,
  offset: number,
  count: number,
  slot: number = row,
): void {
  const { k, neighbours, distances } = out;
  const base = slot * k;
  let filled = 0;
  for (let s = 0; s < count; s++) {
    const j = Number(keys[offset + s]);
    if (j === row || j < 0 || j >= unit.n || !Number.isInteger(j)) continue;
    let repeat = false;
    for (let q = 0; q < filled; q++) if (neighbours[base + q] === j) repeat = true;
    if (repeat) continue;
    const d = cosineDistance(unit, row, j);
    if (filled === k && d >= (distances[base + k - 1] as number)) continue;
    // Insertion into the sorted prefix, dropping the farthest when the row is full.
    let at = filled < k ? filled : k - 1;
    while (at > 0 && (distances[base + at - 1] as number) > d) {
      neighbours[base + at] = neighbours[base + at - 1] as number;
      distances[base + at] = distances[base + at - 1] as number;
      at--;
    }
    neighbours[base + at] = j;
    distances[base + at] = d;
    if (filled < k) filled++;
  }
  for (let s = filled; s < k; s++) {
    neighbours[base + s] = -1;
    distances[base + s] = 0;
  }
}
