// Loads a TensorFlow.js feature extractor (`model.json` + weight shards) from the local file
// system: a file IOHandler reads model.json and the shards its weightsManifest lists next to it,
// then the model is tried as a LayersModel and, failing that, as a GraphModel.
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** A feature extractor that cannot be loaded or run; the message is one line naming the file. */
export class FeatureExtractorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureExtractorError';
  }
}

/** A loaded extractor: the model, its kind, and the bytes of its model.json (for cache keys). */
export interface LoadedExtractor {
  kind: 'layers' | 'graph';
  model: tf.LayersModel | tf.GraphModel;
  /** Absolute path of model.json. */
  path: string;
  /** Raw bytes of model.json. */
  json: Uint8Array;
  /** Input shape declared by the model ([batch, h, w, c], unknown dims as null or -1), if any. */
  inputShape: (number | null)[] | null;
  /** Frees the model's weights. */
  dispose(): void;
}

async function readOrFail(path: string, what: string, listedIn?: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = listedIn ? ` (listed in ${listedIn})` : '';
    if (code === 'ENOENT') throw new FeatureExtractorError(`${what} not found: ${path}${where}`);
    throw new FeatureExtractorError(`cannot read ${what} ${path}${where}: ${(error as Error).message}`);
  }
}

/** Parses model.json bytes; a bad file is a one-line FeatureExtractorError. */
export function parseModelJson(bytes: Uint8Array, path: string): tf.io.ModelJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new FeatureExtractorError(`extractor ${path} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const json = parsed as Partial<tf.io.ModelJSON> | null;
  if (!json || typeof json !== 'object' || !json.modelTopology || typeof json.modelTopology !== 'object') {
    throw new FeatureExtractorError(`extractor ${path} has no modelTopology: not a TensorFlow.js model.json`);
  }
  if (json.weightsManifest !== undefined && !Array.isArray(json.weightsManifest)) {
    throw new FeatureExtractorError(`extractor ${path}: weightsManifest must be an array`);
  }
  return json as tf.io.ModelJSON;
}

/**
 * An IOHandler reading `model.json` and its weight shards from disk; the shards of every manifest
 * group are concatenated, in manifest order, into one ArrayBuffer.
 * @example
 * const model = await tf.loadLayersModel(createFileModelHandler('/models/vgg/model.json'));
 */
export function createFileModelHandler(modelPath: string): tf.io.IOHandler {
  const path = resolve(modelPath);
  return {
    load: async () => {
      const json = parseModelJson(await readOrFail(path, 'extractor model', undefined), path);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Uint8Array[] = [];
        for (const group of manifest) {
          if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new FeatureExtractorError(`extractor ${path}: each weightsManifest group needs paths and weights`);
          specs.push(...group.weights);
          for (const shard of group.paths) parts.push(await readOrFail(join(dirname(path), shard), 'extractor weight file', path));
        }
        return [specs, concatBytes(parts)];
      });
    },
  };
}

function concatBytes(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

function isGraphTopology(json: tf.io.ModelJSON): boolean {
  return json.format === 'graph-model' || Array.isArray((json.modelTopology as { node?: unknown }).node);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/**
 * Loads a LayersModel or GraphModel from a local model.json. Layers is tried first (unless the
 * file says it is a graph model), then Graph; if neither loads, the error names both reasons.
 * @example
 * const extractor = await loadExtractor('/models/vgg/model.json');
 */
export async function loadExtractor(modelPath: string): Promise<LoadedExtractor> {
  const path = resolve(modelPath);
  const bytes = await readOrFail(path, 'extractor model');
  const json = parseModelJson(bytes, path);
  const handler = createFileModelHandler(path);
  let layersError: unknown = null;
  if (!isGraphTopology(json)) {
    try {
      const model = await tf.loadLayersModel(handler);
      const shape = model.inputs[0]?.shape ?? null;
      return { kind: 'layers', model, path, json: bytes, inputShape: shape ? [...shape] : null, dispose: () => model.dispose() };
    } catch (error) {
      if (error instanceof FeatureExtractorError) throw error;
      layersError = error;
    }
  }
  try {
    const model = await tf.loadGraphModel(handler);
    const shape = model.inputs[0]?.shape ?? null;
    return { kind: 'graph', model, path, json: bytes, inputShape: shape ? [...shape] : null, dispose: () => model.dispose() };
  } catch (error) {
    if (error instanceof FeatureExtractorError) throw error;
    const layers = layersError ? `as a LayersModel: ${firstLine(layersError)}; ` : '';
    throw new FeatureExtractorError(`cannot load extractor ${path} ${layers}as a GraphModel: ${firstLine(error)}`);
  }
}
