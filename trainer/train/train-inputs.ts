// Where a training step's inputs come from: pre-extracted feature rows (FixMatch views augmented
// in feature space), or images run through a live extractor after image augmentation
// (image-inputs.ts). The training loop only sees feature batches of the model's input shape.
import type * as tf from '@tensorflow/tfjs';
import { randomInt } from '../../shared/training/random.ts';
import type { Rng } from '../../shared/training/random.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import { nonValidationRows } from '../../shared/training/sampler.ts';
import { strongAugment, weakAugment } from '../../shared/training/feature-augment.ts';
import { mapShapeOf } from '../data/features.ts';
import type { FeatureSet } from '../data/features.ts';
import { createBatchBuffer, fillBatch } from './batches.ts';

/** How a run's training batches were augmented (written in its RunRecord). */
export type AugmentationKind = 'image' | 'feature-space' | 'none';

/** FixMatch's two views of one unlabelled batch, as feature batches. */
export interface FixMatchViews {
  weak: Float32Array;
  strong: Float32Array;
}

/** What the loop needs to fine-tune the extractor (see TrainInputs.startFineTuning). */
export interface FineTuning {
  /** Shape of one batch row from now on: the image, [H, W, 3]. */
  rowShape: number[];
  /** The extractor's trainable variables, added to the optimised ones. */
  variables: tf.Variable[];
  /** Its kernels, added to the weight decay. */
  kernels: tf.Variable[];
  /** Its dropout layers (seeded per step like the head's). */
  dropouts: tf.layers.Layer[];
  /** Images → the model's input: the extractor (training mode or not), then the model's pooling. */
  lift(x: tf.Tensor, training: boolean): tf.Tensor;
  /** Unaugmented features of `rows` through the current extractor (for validation). */
  features(rows: Int32Array, signal?: AbortSignal): Promise<Float32Array>;
}

/** The inputs of one training run. Returned arrays are reused by the next call. */
export interface TrainInputs {
  readonly augmentation: AugmentationKind;
  /**
   * True when the next step's batch may be requested while the current one is still in use
   * (the inputs alternate between two buffer sets and draw random numbers before any await).
   */
  readonly pipelined?: boolean;
  /** Work before the first step (e.g. loading the images of the rows the sampler can draw), with progress messages. */
  prepare?(trainingRows: Int32Array, report: (message: string) => void, signal?: AbortSignal): Promise<void>;
  /** The supervised batch for `rows`. */
  supervised(rows: Int32Array, rng: Rng, signal?: AbortSignal): Promise<Float32Array>;
  /** Weak and strong views of the unlabelled batch `rows`. */
  views(rows: Int32Array, rng: Rng, signal?: AbortSignal): Promise<FixMatchViews>;
  /**
   * Present when the extractor can be trained (a live LayersModel): from the call on, batches are
   * images and the loop applies `lift` inside the gradient.
   */
  startFineTuning?(): FineTuning;
}

/**
 * Inputs over feature rows: supervised batches as they are; FixMatch views by flips/rot90 (weak)
 * and + masking, channel dropout and noise (strong) of the feature maps.
 */
export function createFeatureInputs(data: FeatureSet, batchSize: number, unlabelledCount: number, fixMatch: boolean): TrainInputs {
  const buffer = createBatchBuffer(data, batchSize);
  const weakBuffer = createBatchBuffer(data, fixMatch ? unlabelledCount : 0);
  const strongBuffer = createBatchBuffer(data, fixMatch ? unlabelledCount : 0);
  const mapShape = mapShapeOf(data);
  return {
    augmentation: fixMatch && data.rowShape.length === 3 ? 'feature-space' : 'none',
    supervised: async (rows) => fillBatch(buffer, rows),
    async views(rows, rng) {
      const weak = fillBatch(weakBuffer, rows);
      const strong = fillBatch(strongBuffer, rows);
      weakAugment(weak, rows.length, mapShape, rng);
      strongAugment(strong, rows.length, mapShape, rng);
      return { weak, strong };
    },
  };
}

/** Endless shuffled passes over the non-validation rows (FixMatch's unlabelled stream). */
export function createUnlabelledStream(table: LabelTable, rng: Rng): (count: number) => Int32Array {
  const pool = nonValidationRows(table);
  let order = pool.slice();
  let at = order.length;
  return (count) => {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      if (at >= order.length) {
        order = pool.slice();
        for (let k = order.length - 1; k > 0; k--) {
          const j = randomInt(rng, k + 1);
          const t = order[k] as number;
          order[k] = order[j] as number;
          order[j] = t;
        }
        at = 0;
      }
      out[i] = order[at++] as number;
    }
    return out;
  };
}
