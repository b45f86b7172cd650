// Loads the trainer's bulk outputs (predictions N × C, the BADGE ranking, propagated labels) from content-addressed
// blobs when the model document points at new ones. Blobs are immutable, so the service worker
// keeps them for offline use and a pointer that did not change is never fetched twice.
import { batch, effect, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { OutputKind, OutputPointer } from '../../shared/schema/model-doc.ts';
import { decodeRankingBlob } from '../../shared/badge/index.ts';
import { maxEntropyDigest } from './entropy-digest.ts';

/** Where the prediction-based sorts and histograms read class probabilities from. */
export const PREDICTION_SOURCES = ['model predictions', 'propagated labels'] as const;
export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

/** One loaded N × C source: values (NaN = unknown), column count and its max-entropy digest. */
export interface LoadedSource {
  readonly values: Float32Array;
  readonly columns: number;
  readonly digest: Float32Array;
  /** The pointer it was loaded from (provenance fields included). */
  readonly pointer: OutputPointer;
}

/** Predictions and ranking as the sampler wants them. */
export interface ModelOutputs {
  readonly predictions: ReadonlySignal<Float32Array | null>;
  /** Number of prediction columns (classes known when the predictions were made). */
  readonly predictionColumns: ReadonlySignal<number>;
  /** maxEntropyDigest of the predictions (one value per row), for the `max entropy` sort. */
  readonly digest: ReadonlySignal<Float32Array | null>;
  readonly ranking: ReadonlySignal<Int32Array | null>;
  /** Labels propagated over the kNN graph (`latest.propagated`), once published and loaded. */
  readonly propagated: ReadonlySignal<LoadedSource | null>;
  readonly error: ReadonlySignal<string | null>;
  dispose(): void;
}

/** Fetches blob bytes by sha256. */
export type BlobLoader = (sha256: string) => Promise<ArrayBuffer>;

function toFloat32(pointer: OutputPointer, bytes: ArrayBuffer): Float32Array {
  if (pointer.dtype === 'float32') return new Float32Array(bytes);
  if (pointer.dtype === 'float64') return Float32Array.from(new Float64Array(bytes));
  throw new Error(`predictions of dtype ${pointer.dtype} are not supported`);
}

function toRanking(pointer: OutputPointer, bytes: ArrayBuffer): Int32Array {
  if (pointer.dtype === 'int32') return decodeRankingBlob(new Uint8Array(bytes));
  if (pointer.dtype === 'float32' || pointer.dtype === 'float64') {
    // Scores per row: rank rows by descending score.
    const scores = pointer.dtype === 'float32' ? new Float32Array(bytes) : new Float64Array(bytes);
    const order = Int32Array.from(scores.keys());
    return order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  }
  throw new Error(`a ranking of dtype ${pointer.dtype} is not supported`);
}

/** Follows `latest.predictions`, `latest.badge` and `latest.propagated` and loads their blobs. */
export function createModelOutputs(latest: ReadonlySignal<Readonly<Partial<Record<OutputKind, OutputPointer>>>>, load: BlobLoader): ModelOutputs {
  const predictions = signal<Float32Array | null>(null);
  const predictionColumns = signal(0);
  const digest = signal<Float32Array | null>(null);
  const ranking = signal<Int32Array | null>(null);
  const propagated = signal<LoadedSource | null>(null);
  const error = signal<string | null>(null);
  let loadedPredictions = '';
  let loadedRanking = '';
  let loadedPropagated = '';
  const stop = effect(() => {
    const { predictions: p, badge: b, propagated: g } = latest.value;
    if (g && g.sha256 !== loadedPropagated) {
      loadedPropagated = g.sha256;
      load(g.sha256)
        .then((bytes) => {
          const values = toFloat32(g, bytes);
          const columns = g.shape[1] ?? 0;
          propagated.value = { values, columns, digest: maxEntropyDigest(values, columns), pointer: g };
        })
        .catch((e: unknown) => {
          loadedPropagated = '';
          error.value = `propagated labels could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
        });
    }
    if (p && p.sha256 !== loadedPredictions) {
      loadedPredictions = p.sha256;
      load(p.sha256)
        .then((bytes) => {
          const data = toFloat32(p, bytes);
          const columns = p.shape[1] ?? 0;
          const rowDigest = maxEntropyDigest(data, columns);
          batch(() => {
            predictionColumns.value = columns;
            digest.value = rowDigest;
            predictions.value = data;
          });
        })
        .catch((e: unknown) => {
          loadedPredictions = '';
          error.value = `predictions could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
        });
    }
    if (b && b.sha256 !== loadedRanking) {
      loadedRanking = b.sha256;
      load(b.sha256)
        .then((bytes) => (ranking.value = toRanking(b, bytes)))
        .catch((e: unknown) => {
          loadedRanking = '';
          error.value = `the BADGE ranking could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
        });
    }
  });
  return { predictions, predictionColumns, digest, ranking, propagated, error, dispose: stop };
}
