// Acquisition strategies of the label-efficiency benchmark. A strategy sees the model's pool
// predictions, the features and the labels answered so far, and returns the next batch of rows.
// Further strategies plug in through the same interface (strategy-types.ts).
import { rankBadge } from '../../shared/badge/index.ts';
import { rowEntropy } from '../../shared/sampling/index.ts';
import { createPropagatedMaxEntropyStrategy } from './propagated-strategy.ts';
import type { Strategy } from './strategy-types.ts';

export type { Strategy, StrategyContext } from './strategy-types.ts';

const unlabelledRows = (labelled: Uint8Array): number[] => {
  const out: number[] = [];
  labelled.forEach((v, i) => { if (v === 0) out.push(i); });
  return out;
};

/** Uniform random rows. */
export const RANDOM_STRATEGY: Strategy = {
  name: 'random',
  pick({ labelled, batch, rng }) {
    const rows = unlabelledRows(labelled);
    for (let i = 0; i < Math.min(batch, rows.length); i++) {
      const j = i + Math.floor(rng() * (rows.length - i));
      [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
    }
    return rows.slice(0, batch);
  },
};

/** Top rows by max over classes of the binary entropy (Patchwork's "max entropy" sort). */
export const MAX_ENTROPY_STRATEGY: Strategy = {
  name: 'max entropy',
  pick({ predictions, labelled, batch, dataset }) {
    const C = dataset.classes.length;
    const scored = unlabelledRows(labelled).map((i) => ({ i, e: rowEntropy(predictions.subarray(i * C, (i + 1) * C), 'max') }));
    scored.sort((a, b) => b.e - a.e || a.i - b.i);
    return scored.slice(0, batch).map((s) => s.i);
  },
};

/** BADGE: k-means++ over the factored gradient embeddings (h = the Dense input = the features). */
export const BADGE_STRATEGY: Strategy = {
  name: 'BADGE',
  pick({ predictions, labelled, batch, rng, dataset }) {
    return Array.from(rankBadge({ h: dataset.pool.x, p: predictions, numClasses: dataset.classes.length, labelledMask: labelled, k: batch, rng }));
  },
};

/** The strategies run by default, in table order. */
export const DEFAULT_STRATEGIES: readonly Strategy[] = [RANDOM_STRATEGY, MAX_ENTROPY_STRATEGY, BADGE_STRATEGY, createPropagatedMaxEntropyStrategy()];
