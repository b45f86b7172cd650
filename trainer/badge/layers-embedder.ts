// A tfjs EmbedFn: runs a LayersModel and also returns the input of its last Dense layer (h),
// drilling into nested models as the original does. Tensors are built per batch from typed arrays.
import * as tf from '@tensorflow/tfjs';
import type { EmbedBatch, EmbedFn } from './compute-ranking.ts';

/** Maps a batch of rows to the model's input tensor (the caller owns feature loading). */
export type BatchInput = (batch: EmbedBatch) => tf.Tensor | tf.Tensor[];

type Extractor = (x: tf.Tensor | tf.Tensor[], batchSize: number) => tf.Tensor;

function isLayersModel(layer: tf.layers.Layer): layer is tf.LayersModel {
  return layer instanceof tf.LayersModel;
}

/** The input of a layer's most recent call (a nested model also has the node of its own graph). */
function lastInput(layer: tf.layers.Layer): tf.SymbolicTensor | tf.SymbolicTensor[] {
  return layer.getInputAt(layer.inboundNodes.length - 1);
}

/** Builds a function computing the input of the last Dense layer, or null when there is none. */
function denseInputExtractor(model: tf.LayersModel): Extractor | null {
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const layer = model.layers[i] as tf.layers.Layer;
    if (layer.getClassName() === 'Dense') {
      const kernels = layer.trainableWeights.filter((w) => w.name.includes('kernel'));
      if (kernels.length !== 1) throw new Error(`the last Dense layer has ${kernels.length} kernel variables, expected 1`);
      const sub = tf.model({ inputs: model.inputs, outputs: lastInput(layer) as tf.SymbolicTensor });
      return (x, batchSize) => sub.predict(x, { batchSize }) as tf.Tensor;
    }
    if (isLayersModel(layer)) {
      const inner = denseInputExtractor(layer);
      if (inner === null) continue;
      const input = lastInput(layer);
      const ins = Array.isArray(input) ? input : [input];
      if (ins.length === model.inputs.length && ins.every((t, k) => t === model.inputs[k])) return inner;
      const pre = tf.model({ inputs: model.inputs, outputs: input });
      return (x, batchSize) => tf.tidy(() => inner(pre.predict(x, { batchSize }) as tf.Tensor | tf.Tensor[], batchSize));
    }
  }
  return null;
}

/**
 * An EmbedFn over a tfjs model whose output is the sigmoid probabilities (N × C). Throws when the
 * model has no Dense layer. `batchSize` is passed to predict explicitly (needed on wasm).
 */
export function createLayersEmbedder(model: tf.LayersModel, input: BatchInput): EmbedFn {
  const extract = denseInputExtractor(model);
  if (extract === null) throw new Error('the model has no Dense layer to compute BADGE gradients for');
  return (batch) => {
    const x = input(batch);
    try {
      const [h, p] = tf.tidy(() => {
        const hT = extract(x, batch.count);
        const pT = model.predict(x, { batchSize: batch.count }) as tf.Tensor;
        return [hT.reshape([batch.count, -1]), pT.reshape([batch.count, -1])];
      });
      try {
        return { h: h.dataSync() as Float32Array, p: p.dataSync() as Float32Array };
      } finally {
        h.dispose();
        p.dispose();
      }
    } finally {
      for (const t of Array.isArray(x) ? x : [x]) t.dispose();
    }
  };
}
