// The live extractor's weights across a session: a copy of every original weight (batch-norm
// statistics included) restored on each rebuild, and the features re-extracted lazily once
// fine-tuning has made the cached ones stale.
import * as tf from '@tensorflow/tfjs';
import type { FeatureSet } from '../data/features.ts';
import { extractAllFeatures } from './image-inputs.ts';
import type { LiveExtractor } from './image-inputs.ts';

/** Images per extractor call when re-extracting. */
const REEXTRACT_BATCH = 32;

/** See createExtractorState. */
export interface ExtractorState {
  /** Whether the extractor's weights differ from the original (fine-tuned since the last reset). */
  readonly tuned: boolean;
  /** The features as last extracted (stale while `tuned` and not yet re-extracted). */
  readonly current: FeatureSet;
  /** Features through the extractor as it is now, re-extracting first when stale. */
  fresh(signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<FeatureSet>;
  /** Records that a run trained the extractor: the features are stale. */
  markTuned(): void;
  /** Restores the original weights and features (every rebuild starts from the original extractor). */
  reset(): void;
  dispose(): void;
}

/**
 * Tracks the extractor of a session. Without a live LayersModel extractor it only holds `base`.
 * The copy is deep: the original's bug 6 (batch-norm statistics lost, frozen models randomised)
 * does not happen here.
 */
export function createExtractorState(base: FeatureSet, live: LiveExtractor | null): ExtractorState {
  const layers = live && live.extractor.kind === 'layers' ? (live.extractor.model as tf.LayersModel) : null;
  const original = layers ? layers.getWeights().map((w) => tf.keep(w.clone())) : [];
  let current = base;
  let tuned = false;
  let stale = false;
  return {
    get tuned() {
      return tuned;
    },
    get current() {
      return current;
    },
    async fresh(signal, onProgress) {
      if (!stale || !live) return current;
      current = await extractAllFeatures(live, base.count, REEXTRACT_BATCH, onProgress, signal);
      stale = false;
      return current;
    },
    markTuned() {
      tuned = true;
      stale = true;
    },
    reset() {
      if (tuned && layers) layers.setWeights(original);
      tuned = false;
      stale = false;
      current = base;
    },
    dispose() {
      for (const w of original) w.dispose();
    },
  };
}
