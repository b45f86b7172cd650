// The strategy contract of the label-efficiency benchmark, in its own file so that strategies kept
// in separate modules (e.g. propagated max entropy) and the default list can share it without a cycle.
import type { Dataset } from './datasets.ts';

/** What a strategy may look at when choosing the next rows. */
export interface StrategyContext {
  readonly dataset: Dataset;
  /** Sigmoid outputs of the current model on the pool, N × C. */
  readonly predictions: Float32Array;
  /** labelled[i] = 1 when the annotator has answered row i (read truth only for those rows). */
  readonly labelled: Uint8Array;
  /** How many rows to return. */
  readonly batch: number;
  /** Seeded random source. */
  readonly rng: () => number;
}

/** An acquisition strategy: returns up to `batch` distinct unlabelled pool rows. */
export interface Strategy {
  readonly name: string;
  /** Optional one-off work per data set (e.g. building a kNN graph), awaited before its curves. */
  prepare?(dataset: Dataset): Promise<void>;
  pick(ctx: StrategyContext): number[];
}
