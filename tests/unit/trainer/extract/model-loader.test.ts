// The extractor loader against models saved in the TensorFlow.js file format: a LayersModel
// (Conv2D with known weights) written as model.json + two weight shards reloads with identical
// outputs; a hand-written GraphModel loads through the Graph fallback; bad files are one-line errors.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureExtractorError, checkInputShape, extractFeatures, loadExtractor, parseImshape } from '../../../../trainer/extract/index.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { expectNoLeakedTensors, useTrainerBackend } from '../../../helpers/trainer-tf.ts';

const root = mkdtempSync(join(tmpdir(), 'pw-extract-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => useTrainerBackend('cpu'));

/** A Conv2D(4, 3×3, relu) + MaxPool over [8, 8, 3] with seeded weights. */
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3] });
  const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv' });
  const pool = tf.layers.maxPooling2d({ poolSize: 2 });
  const model = tf.model({ inputs: input, outputs: pool.apply(conv.apply(input)) as tf.SymbolicTensor });
  const random = createSeededRandom(7);
  conv.setWeights([tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, () => random.next() - 0.5), [3, 3, 3, 4]), tf.tensor1d([0.1, -0.1, 0, 0.05])]);
  return model;
}

/** Saves in the tfjs file layout: model.json plus the weights split over `shards` files. */
async function saveToDir(model: tf.LayersModel, dir: string, shards = 2): Promise<string> {
  const handler: tf.io.IOHandler = {
    save: async (artifacts) => {
      const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData as tf.io.WeightData));
      const cut = Math.floor(bytes.length / shards / 4) * 4;
      const paths: string[] = [];
      for (let k = 0; k < shards; k++) {
        const name = `group1-shard${k + 1}of${shards}.bin`;
        writeFileSync(join(dir, name), bytes.subarray(k * cut, k === shards - 1 ? bytes.length : (k + 1) * cut));
        paths.push(name);
      }
      const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', generatedBy: 'test', convertedBy: null, weightsManifest: [{ paths, weights: artifacts.weightSpecs }] };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
  await model.save(handler);
  return join(dir, 'model.json');
}

function dirFor(name: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(dir + '-');
}

describe('loadExtractor', () => {
  it('a saved LayersModel (two weight shards) reloads with the same outputs', async () => {
    const model = tinyModel();
    const path = await saveToDir(model, dirFor('layers'));
    const extractor = await loadExtractor(path);
    expect(extractor.kind).toBe('layers');
    expect(extractor.inputShape).toEqual([null, 8, 8, 3]);
    const random = createSeededRandom(3);
    const x = tf.tensor4d(Array.from({ length: 2 * 8 * 8 * 3 }, () => random.next()), [2, 8, 8, 3]);
    const want = model.predict(x) as tf.Tensor;
    const got = (extractor.model as tf.LayersModel).predict(x) as tf.Tensor;
    expect(got.shape).toEqual([2, 4, 4, 4]);
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    expect(Math.max(...(await want.data()))).toBeGreaterThan(0);
    tf.dispose([x, want, got]);
    extractor.dispose();
    model.dispose();
  });

  it('extractFeatures batches images through the model without leaking tensors', async () => {
    const model = tinyModel();
    const extractor = await loadExtractor(await saveToDir(model, dirFor('batches')));
    // 1×1 PNGs of known colours: the decoded input is constant, so compare against the model directly.
    const sharp = (await import('sharp')).default;
    const colours = [[255, 0, 0], [0, 128, 255], [10, 20, 30], [200, 200, 200], [0, 0, 0]];
    const pngs = await Promise.all(colours.map((c) => sharp(Buffer.from(c), { raw: { width: 1, height: 1, channels: 3 } }).png().toBuffer()));
    const progress: number[] = [];
    const features = await expectNoLeakedTensors(() =>
      extractFeatures(extractor, async (row) => new Uint8Array(pngs[row] as Buffer), { count: 5, shape: { height: 8, width: 8 }, batchSize: 2, onProgress: (p) => progress.push(p.done) }),
    );
    expect(progress).toEqual([2, 4, 5]);
    expect([features.count, ...features.rowShape]).toEqual([5, 4, 4, 4]);
    const x = tf.tensor4d(colours.flatMap((c) => Array.from({ length: 64 }, () => c.map((v) => v / 255)).flat()), [5, 8, 8, 3]);
    const want = model.predict(x) as tf.Tensor;
    const wantData = await want.data();
    for (let i = 0; i < wantData.length; i++) expect(features.data[i]).toBeCloseTo(wantData[i] as number, 5);
    tf.dispose([x, want]);
    extractor.dispose();
    model.dispose();
  });

  it('a GraphModel model.json loads through the Graph path and runs', async () => {
    const dir = dirFor('graph');
    const node = (name: string, op: string, input: string[], attr: Record<string, unknown> = {}) => ({ name, op, input, attr });
    const json = {
      format: 'graph-model',
      modelTopology: {
        node: [
          node('x', 'Placeholder', [], { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }, { size: '2' }, { size: '3' }] } } }),
          node('scale', 'Const', [], { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {} } } }),
          node('y', 'Mul', ['x', 'scale'], { T: { type: 'DT_FLOAT' } }),
          node('out', 'Identity', ['y'], { T: { type: 'DT_FLOAT' } }),
        ],
        library: {},
        versions: { producer: 1 },
      },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'scale', shape: [], dtype: 'float32' }] }],
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    writeFileSync(join(dir, 'w.bin'), new Uint8Array(new Float32Array([3]).buffer));
    const extractor = await loadExtractor(join(dir, 'model.json'));
    expect(extractor.kind).toBe('graph');
    const out = (extractor.model as tf.GraphModel).predict(tf.ones([1, 2, 2, 3])) as tf.Tensor;
    expect(Array.from(await out.data())).toEqual(Array.from({ length: 12 }, () => 3));
    tf.dispose(out);
    extractor.dispose();
  });

  it('missing file, bad JSON, missing shard: one-line FeatureExtractorError naming the file', async () => {
    const missing = join(root, 'nope', 'model.json');
    await expect(loadExtractor(missing)).rejects.toThrow(new FeatureExtractorError(`extractor model not found: ${missing}`));
    const dir = dirFor('bad');
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": ');
    const bad = loadExtractor(join(dir, 'model.json'));
    await expect(bad).rejects.toBeInstanceOf(FeatureExtractorError);
    await expect(bad).rejects.toThrow(/is not valid JSON/);
    const model = tinyModel();
    const path = await saveToDir(model, dirFor('shard'));
    rmSync(join(path, '..', 'group1-shard2of2.bin'));
    const error = await loadExtractor(path).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(FeatureExtractorError);
    expect((error as Error).message).toBe(`extractor weight file not found: ${join(path, '..', 'group1-shard2of2.bin')} (listed in ${path})`);
    for (const e of [error as Error]) expect(e.message).not.toContain('\n');
    model.dispose();
  });

  it('checks the input size and parses --imshape', async () => {
    const model = tinyModel();
    const extractor = await loadExtractor(await saveToDir(model, dirFor('shape')));
    expect(() => checkInputShape(extractor, { height: 8, width: 8 })).not.toThrow();
    expect(() => checkInputShape(extractor, { height: 256, width: 256 })).toThrow(/takes input \[\?, 8, 8, 3\], not \[\?, 256, 256, 3\]/);
    expect(parseImshape('224, 160')).toEqual({ height: 224, width: 160 });
    expect(() => parseImshape('224')).toThrow(FeatureExtractorError);
    extractor.dispose();
    model.dispose();
  });
});
