// The record a trainer writes to `runs.<runId>` of the model document after a training run: the
// full configuration, where and on what it ran, loss curves, per-class metrics and histograms,
// and the blobs it published. The Model and Train tabs draw from it.
import type { BlobRef } from '../schema/model-doc.ts';
import type { ClassHistogram } from '../metrics/histogram.ts';
import type { AucAccuracy } from '../metrics/auc.ts';
import type { ModelSpec } from './model-spec.ts';
import type { TrainOptions } from './train-options.ts';

/** How a run ended. `early-stopped` and `cancelled` runs publish no predictions. */
export const RUN_STATUSES = ['done', 'early-stopped', 'cancelled', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Loss curves (§4.7 of the behaviour reference). */
export interface LossCurves {
  /** Supervised loss per step (without weight decay or the λ-weighted term). */
  supervised: number[];
  /** FixMatch loss per step (0 when off). */
  semisupervised: number[];
  /** Validation loss per epoch (mean of per-batch means; NaN stored as null with no validation rows). */
  validation: (number | null)[];
  /** Step position of each validation point (= supervised.length at the end of that epoch). */
  validationStep: number[];
}

/** Metrics of one class. */
export interface ClassMetrics {
  className: string;
  train: AucAccuracy;
  val: AucAccuracy;
}

/** One finished (or stopped) training run. */
export interface RunRecord {
  runId: string;
  /** Job that asked for it, when a job did. */
  jobId?: string;
  status: RunStatus;
  /** Milliseconds since the epoch. */
  startedAt: number;
  finishedAt: number;
  /** Label-table version (number of folded events) trained on. */
  labelVersion: number;
  classes: string[];
  /** Shape of one feature row, e.g. [7, 7, 512] or [512]. */
  featureShape: number[];
  rowCount: number;
  config: { model: ModelSpec; training: TrainOptions };
  /** Whether this run continued from the previous run's weights (no rebuild in between). */
  continuedFrom?: string;
  trainer: { name: string; machine: string; backend: string; tfjsVersion: string };
  params: { fineTuning: number; output: number; total: number };
  counts: { training: number; validation: number };
  steps: number;
  /** Training throughput in samples per second. */
  samplesPerSecond: number;
  /**
   * How training batches were augmented: `image` (a live extractor on augmented images),
   * `feature-space` (FixMatch views of feature maps), `none`. Absent in older records.
   */
  augmentation?: 'image' | 'feature-space' | 'none';
  /**
   * True when the live extractor's weights were trained (in this run or a run it continued): the
   * exported model then takes images, and predictions come from re-extracted features.
   */
  fineTunedExtractor?: boolean;
  loss: LossCurves;
  /** Empty when no prediction was made (early stop, cancel, updatePredictions off). */
  metrics: ClassMetrics[];
  histograms: ClassHistogram[];
  outputs: { predictions?: BlobRef; model?: BlobRef };
  error?: string;
}
