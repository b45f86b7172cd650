// A stateful k-means++ sampler over factored BADGE embeddings, equivalent to the original's
// KPlusPlusSampler (behaviours 16–19), with two deliberate fixes: the first draw is D²-weighted by
// the distance to the initially unavailable rows, and an empty candidate set returns [].
import type { BadgeFactors } from './factors.ts';
import type { MinDistanceState } from './min-distance.ts';
import { addCentre, createMinDistanceState } from './min-distance.ts';

/** A row mask: entry i truthy (non-zero / true) means row i is in the set. */
export type RowMask = Uint8Array | Int8Array | readonly boolean[];

/** How the first draw is chosen. */
export const FirstDraw = {
  /** D²-weighted by the distance to the initially unavailable rows (standard k-means++; default). */
  Weighted: 'weighted',
  /** Uniform over the candidates, as the original does. */
  Uniform: 'uniform',
} as const;
/** One of {@link FirstDraw}. */
export type FirstDraw = (typeof FirstDraw)[keyof typeof FirstDraw];

/** What the first draw does when no row is unavailable yet (nothing to weight by). */
export const EmptyStart = {
  /** A uniform random candidate (the original's behaviour). */
  Uniform: 'uniform',
  /** The candidate with the largest gradient norm (the BADGE paper's initialisation). */
  LargestNorm: 'largest-norm',
} as const;
/** One of {@link EmptyStart}. */
export type EmptyStart = (typeof EmptyStart)[keyof typeof EmptyStart];

/** Options of {@link createKPlusPlusSampler}. */
export interface KPlusPlusSamplerOptions {
  /** Random source in [0, 1). */
  readonly rng: () => number;
  /** Initially unavailable rows: fully labelled or excluded (see badgeUnavailableMask). */
  readonly unavailable?: RowMask;
  /** Rows that may ever be drawn (default all). Distances are only maintained for these. */
  readonly candidates?: RowMask;
  /** Default {@link FirstDraw.Weighted}. */
  readonly firstDraw?: FirstDraw;
  /** Default {@link EmptyStart.Uniform}. */
  readonly emptyStart?: EmptyStart;
  /**
   * Most unavailable rows used as distance seeds (each costs one pass over N). When there are
   * more, a uniform random subset of this size is used. Default: all of them (exact).
   */
  readonly maxSeeds?: number;
}

/** The sampler: draws rows one at a time, D²-weighted, never offering a row twice. */
export interface KPlusPlusSampler {
  /** Draws up to k rows among available ∧ include; fewer when every remaining weight is 0. */
  choose(k?: number, include?: RowMask): number[];
  /** available[i] = 1 while row i can still be drawn. */
  readonly available: Uint8Array;
  /** Number of rows no longer available (initially unavailable + drawn). */
  unavailableCount(): number;
  /** The running distance state (centres, minDist², work counters). */
  readonly state: MinDistanceState;
}

/** Creates a k-means++ sampler over the factors. */
export function createKPlusPlusSampler(f: BadgeFactors, options: KPlusPlusSamplerOptions): KPlusPlusSampler {
  const n = f.rowCount;
  const rng = options.rng;
  const firstDraw = options.firstDraw ?? FirstDraw.Weighted;
  const emptyStart = options.emptyStart ?? EmptyStart.Uniform;
  checkMask(options.unavailable, n, 'unavailable');
  checkMask(options.candidates, n, 'candidates');
  const available = new Uint8Array(n);
  const active = new Uint8Array(n);
  const seeds: number[] = [];
  for (let i = 0; i < n; i++) {
    if (options.unavailable?.[i]) seeds.push(i);
    else available[i] = 1;
    active[i] = available[i] === 1 && (options.candidates === undefined || options.candidates[i]) ? 1 : 0;
  }
  const state = createMinDistanceState(n);
  let seeded = false;
  let drawn = 0;

  const seed = (): void => {
    seeded = true;
    const limit = options.maxSeeds ?? Infinity;
    for (const s of limit < seeds.length ? sampleWithoutReplacement(seeds, limit, rng) : seeds) addCentre(f, state, s, active);
  };

  const draw = (allowed: Uint8Array): number | null => {
    if (!seeded && (firstDraw === FirstDraw.Weighted || seeds.length === 0)) seed();
    let pick: number | null;
    if (state.centres.length === 0) pick = emptyStart === EmptyStart.LargestNorm ? argmaxNorm(f, allowed) : uniformPick(allowed, rng);
    else pick = weightedPick(state.minDist, allowed, rng);
    if (pick === null) return null;
    allowed[pick] = 0;
    available[pick] = 0;
    active[pick] = 0;
    drawn++;
    addCentre(f, state, pick, active);
    if (!seeded) seed();
    return pick;
  };

  return {
    available,
    state,
    unavailableCount: () => seeds.length + drawn,
    choose(k = 1, include) {
      checkMask(include, n, 'include');
      const allowed = new Uint8Array(n);
      for (let i = 0; i < n; i++) allowed[i] = active[i] === 1 && (include === undefined || include[i]) ? 1 : 0;
      const out: number[] = [];
      for (let t = 0; t < k; t++) {
        const pick = draw(allowed);
        if (pick === null) break;
        out.push(pick);
      }
      return out;
    },
  };
}

function checkMask(mask: RowMask | undefined, n: number, name: string): void {
  if (mask !== undefined && mask.length !== n) throw new Error(`${name} mask has ${mask.length} rows, expected ${n}`);
}

/** D² sampling: row i with probability weight[i] / Σ weight over the allowed rows; null if Σ = 0. */
function weightedPick(weight: Float64Array, allowed: Uint8Array, rng: () => number): number | null {
  const n = allowed.length;
  let total = 0;
  for (let i = 0; i < n; i++) if (allowed[i] === 1) total += weight[i] as number;
  if (!(total > 0) || !Number.isFinite(total)) return null;
  const target = rng() * total;
  let acc = 0, last = -1;
  for (let i = 0; i < n; i++) {
    if (allowed[i] !== 1) continue;
    const w = weight[i] as number;
    if (w <= 0) continue;
    acc += w;
    last = i;
    if (acc > target) return i;
  }
  return last >= 0 ? last : null;
}

function uniformPick(allowed: Uint8Array, rng: () => number): number | null {
  const n = allowed.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (allowed[i] === 1) count++;
  if (count === 0) return null;
  let target = Math.min(count - 1, Math.floor(rng() * count));
  for (let i = 0; i < n; i++) if (allowed[i] === 1 && target-- === 0) return i;
  return null;
}

function argmaxNorm(f: BadgeFactors, allowed: Uint8Array): number | null {
  let best = -1, bestNorm = -1;
  for (let i = 0; i < f.rowCount; i++) {
    if (allowed[i] === 1 && (f.gNorm2[i] as number) > bestNorm) { best = i; bestNorm = f.gNorm2[i] as number; }
  }
  return best >= 0 ? best : null;
}

function sampleWithoutReplacement(items: readonly number[], k: number, rng: () => number): number[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    const t = a[i] as number; a[i] = a[j] as number; a[j] = t;
  }
  return a.slice(0, k);
}
