// Incremental minDist² maintenance for k-means++ over factored embeddings. Adding a centre costs
// one pass of N h-dot products (length d) plus N r-dot products (length C), minus the rows that
// cheap exact lower bounds prove cannot move closer (norm gap, |h·h| ≤ ‖h‖‖h‖, triangle inequality).
import type { BadgeFactors } from './factors.ts';
import { combineDistance, dotResiduals, dotRowPair, dotRows, factorDistance2, locateRow } from './factors.ts';

/** Running k-means++ state: the centres so far and each active row's nearest-centre distance. */
export interface MinDistanceState {
  /** minDist²[x] to the nearest centre; Infinity until the first centre. */
  readonly minDist: Float64Array;
  /** Index into `centres` of row x's nearest centre, −1 before the first centre. */
  readonly nearest: Int32Array;
  /** Centre rows in the order they were added (seeds first, then draws). */
  readonly centres: number[];
  /** Counters: rows visited and h dot products actually computed. */
  readonly stats: { visited: number; dots: number };
}

/** Creates the state for N rows with no centres. */
export function createMinDistanceState(rowCount: number): MinDistanceState {
  return {
    minDist: new Float64Array(rowCount).fill(Infinity),
    nearest: new Int32Array(rowCount).fill(-1),
    centres: [],
    stats: { visited: 0, dots: 0 },
  };
}

/**
 * Adds row y as a centre and lowers minDist² of every active row (active[x] ≠ 0) to its distance
 * to y where that is smaller. Inactive rows are left untouched (their values go stale). The result
 * is exact: rows are skipped only when a lower bound already reaches their current minDist².
 */
export function addCentre(f: BadgeFactors, s: MinDistanceState, y: number, active: Uint8Array): void {
  const d = f.dim, w = f.width;
  const centreIndex = s.centres.length;
  const gap = centreGaps(f, s, y);
  const yLoc = locateRow(f, y);
  const hy = yLoc.block.slice(yLoc.offset, yLoc.offset + d);
  const ny = f.gNorm2[y] as number, gy = f.gNorm[y] as number, hyNorm = f.hNorm[y] as number;
  const yo = y * w;
  const { gNorm2, gNorm, hNorm, r } = f;
  const { minDist, nearest } = s;
  const pendRow = new Int32Array(256);
  const pendRr = new Float64Array(256);
  const pair = new Float64Array(2);
  let visited = 0, dots = 0;
  for (let b = 0; b < f.hBlocks.length; b++) {
    const block = f.hBlocks[b] as Float32Array;
    const start = f.blockStarts[b] as number, end = f.blockStarts[b + 1] as number;
    let pend = 0;
    for (let x = start; x < end; x++) {
      if (active[x] === 0) continue;
      visited++;
      const m = minDist[x] as number;
      const nx = gNorm2[x] as number;
      if (m !== Infinity) {
        const gx = gNorm[x] as number;
        if ((gx - gy) * (gx - gy) >= m) continue;
        const a = nearest[x] as number;
        if (a >= 0 && (gap[a] as number) >= 4 * m) continue;
      }
      const rr = dotResiduals(r, x * w, yo, w);
      if (rr === 0 || (m !== Infinity && nx + ny - 2 * (hNorm[x] as number) * hyNorm * Math.abs(rr) >= m)) {
        const d2 = combineDistance(nx, ny, 0, 0);
        if (d2 < m) { minDist[x] = d2; nearest[x] = centreIndex; }
        continue;
      }
      pendRow[pend] = x; pendRr[pend] = rr; pend++;
      if (pend === 256) { flush(block, start, pend); dots += pend; pend = 0; }
    }
    if (pend > 0) { flush(block, start, pend); dots += pend; }
  }
  minDist[y] = 0;
  nearest[y] = centreIndex;
  s.centres.push(y);
  s.stats.visited += visited;
  s.stats.dots += dots;

  function flush(block: Float32Array, start: number, count: number): void {
    let k = 0;
    for (; k + 2 <= count; k += 2) {
      const x0 = pendRow[k] as number, x1 = pendRow[k + 1] as number;
      dotRowPair(block, (x0 - start) * d, (x1 - start) * d, hy, d, pair);
      settle(x0, pair[0] as number, pendRr[k] as number);
      settle(x1, pair[1] as number, pendRr[k + 1] as number);
    }
    if (k < count) {
      const x = pendRow[k] as number;
      settle(x, dotRows(block, (x - start) * d, hy, 0, d), pendRr[k] as number);
    }
  }

  function settle(x: number, hh: number, rr: number): void {
    const d2 = combineDistance(gNorm2[x] as number, ny, hh, rr);
    if (d2 < (minDist[x] as number)) { minDist[x] = d2; nearest[x] = centreIndex; }
  }
}

/** Squared distances from y to every existing centre (for the triangle-inequality skip). */
function centreGaps(f: BadgeFactors, s: MinDistanceState, y: number): Float64Array {
  const gap = new Float64Array(s.centres.length);
  for (let j = 0; j < s.centres.length; j++) gap[j] = factorDistance2(f, s.centres[j] as number, y);
  return gap;
}
