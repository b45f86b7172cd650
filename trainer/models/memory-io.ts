// A tf.io IOHandler that captures a saved model (model.json + one weights file) as bytes in
// memory, so the trainer can publish the model as a blob, and reads such bytes back.
import * as tf from '@tensorflow/tfjs';

/** A model in TensorFlow.js format held in memory. */
export interface SavedModelBytes {
  /** model.json contents (weightsManifest points at `weights.bin`). */
  modelJson: Uint8Array;
  /** The concatenated weights (`weights.bin`). */
  weights: Uint8Array;
}

/** Name of the weights file in the manifest. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/** An IOHandler whose `save` fills `result` with model.json and weights bytes. */
export function createCaptureHandler(): tf.io.IOHandler & { result: SavedModelBytes | null } {
  const handler = {
    result: null as SavedModelBytes | null,
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weightData = artifacts.weightData;
      const weights = weightData === undefined
        ? new Uint8Array(0)
        : new Uint8Array(tf.io.CompositeArrayBuffer.join(weightData));
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: artifacts.weightSpecs ?? [] }],
      };
      handler.result = { modelJson: new TextEncoder().encode(JSON.stringify(json)), weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
  return handler;
}

/** Saves a model into memory. */
export async function saveModelToBytes(model: tf.LayersModel): Promise<SavedModelBytes> {
  const handler = createCaptureHandler();
  await model.save(handler);
  if (!handler.result) throw new Error('the model was not saved');
  return handler.result;
}

/** An IOHandler that loads from bytes produced by saveModelToBytes. */
export function createBytesLoader(saved: SavedModelBytes): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(new TextDecoder().decode(saved.modelJson)) as {
        modelTopology: object;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
      };
      const weights = saved.weights.slice().buffer;
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: weights,
      };
    },
  };
}

/**
 * One self-contained blob for publishing: 4-byte little-endian length of model.json, model.json,
 * then the weights. Documented in docs/trainer.md.
 */
export function packModelBlob(saved: SavedModelBytes): Uint8Array {
  const out = new Uint8Array(4 + saved.modelJson.length + saved.weights.length);
  new DataView(out.buffer).setUint32(0, saved.modelJson.length, true);
  out.set(saved.modelJson, 4);
  out.set(saved.weights, 4 + saved.modelJson.length);
  return out;
}

/** Inverse of packModelBlob. */
export function unpackModelBlob(blob: Uint8Array): SavedModelBytes {
  const length = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0, true);
  return { modelJson: blob.slice(4, 4 + length), weights: blob.slice(4 + length) };
}
