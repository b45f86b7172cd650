// Learning-rate schedule and early stop. Cosine decay is counted in optimiser steps (the original
// counted samples, so its rate barely moved); the early-stop rule is the original's.

/** Learning-rate decay kinds of the Train tab. */
export const LR_DECAYS = ['none', 'cosine'] as const;
export type LrDecay = (typeof LR_DECAYS)[number];

/**
 * Learning rate at `step` (0-based count of steps already taken). Cosine: first period
 * T = batchesPerEpoch × epochs steps, `lr0·½(1 + cos(π·t/T))`, reaching 0 at t = T; later periods
 * double in length (restarts with period multiplier 2, as Keras' CosineDecayRestarts).
 */
export function learningRateAt(step: number, lr0: number, decay: LrDecay, totalSteps: number): number {
  if (decay === 'none' || totalSteps <= 0) return lr0;
  let t = step;
  let period = totalSteps;
  // t = T is the end of the first period (rate 0), not the start of the next.
  while (t > period) {
    t -= period;
    period *= 2;
  }
  return lr0 * 0.5 * (1 + Math.cos((Math.PI * t) / period));
}

/** State of the early-stop rule between epochs. */
export interface EarlyStopState {
  /** Epochs in a row without improvement. */
  stale: number;
  stop: boolean;
}

/**
 * The original's abort rule, applied after each epoch's validation loss: an improvement is
 * `losses[-1] < losses[-2]` (resets the counter), anything else adds 1; stop when the counter
 * reaches `patience`. `patience` ≤ 0 never stops. NaN losses never improve.
 */
export function updateEarlyStop(state: EarlyStopState, losses: readonly number[], patience: number): EarlyStopState {
  if (patience <= 0 || losses.length < 2) return { stale: state.stale, stop: false };
  const last = losses[losses.length - 1] as number;
  const prev = losses[losses.length - 2] as number;
  const stale = last < prev ? 0 : state.stale + 1;
  return { stale, stop: stale >= patience };
}

/** Runs the rule over a whole loss history; returns the 0-based epoch it stops after, or -1. */
export function earlyStopEpoch(losses: readonly number[], patience: number): number {
  let state: EarlyStopState = { stale: 0, stop: false };
  for (let e = 0; e < losses.length; e++) {
    state = updateEarlyStop(state, losses.slice(0, e + 1), patience);
    if (state.stop) return e;
  }
  return -1;
}
