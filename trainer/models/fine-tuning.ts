// Fine-tuning heads (behaviour reference §3.2): Global Pooling (max / average / flatten, no
// parameters) and the Convnet built from its layer spec, with the residual block's batch-norm
// fixed (the original computed a BN before the first ReLU and then dropped its output).
import * as tf from '@tensorflow/tfjs';
import { parseConvnetSpec } from '../../shared/training/convnet-spec.ts';
import type { ConvnetSpec, PoolingType } from '../../shared/training/model-spec.ts';

type Sym = tf.SymbolicTensor;

/** The final global pooling layer for a pooling type. */
export function globalPoolLayer(poolingType: PoolingType): tf.layers.Layer {
  if (poolingType === 'max pool') return tf.layers.globalMaxPooling2d({});
  if (poolingType === 'average pool') return tf.layers.globalAveragePooling2d({});
  return tf.layers.flatten();
}

/** Global Pooling over (h, w, c) maps: Input → pool (2 layers, 0 parameters). */
export function createGlobalPoolingModel(inputShape: number[], poolingType: PoolingType): tf.LayersModel {
  if (inputShape.length !== 3) throw new Error(`Global Pooling needs (h, w, c) feature maps, got a row shape of [${inputShape.join(', ')}]`);
  const input = tf.input({ shape: inputShape });
  const output = globalPoolLayer(poolingType).apply(input) as Sym;
  return tf.model({ inputs: input, outputs: output, name: 'global_pooling' });
}

/**
 * Convnet from its spec over (h, w, c) maps. Integers: conv (k×k, same, bias) → [BN] → ReLU;
 * `p`: 2×2/2 valid max-pool; `d`: spatial dropout (whole channels, noise shape [B, 1, 1, C]);
 * `r`: [BN] → ReLU → conv → [BN] → ReLU → conv → Add(x) → ReLU with the current width.
 * `nextSeed` supplies initializer seeds so a fixed run seed gives identical weights.
 */
export function createConvnetModel(inputShape: number[], spec: ConvnetSpec, nextSeed: () => number): tf.LayersModel {
  if (inputShape.length !== 3) throw new Error(`the Convnet needs (h, w, c) feature maps, got a row shape of [${inputShape.join(', ')}]`);
  const tokens = parseConvnetSpec(spec.layers);
  const input = tf.input({ shape: inputShape });
  let channels = inputShape[2] as number;
  const conv = (filters: number): tf.layers.Layer =>
    spec.separable
      ? tf.layers.separableConv2d({
          filters,
          kernelSize: spec.kernelSize,
          padding: 'same',
          useBias: true,
          depthwiseInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
          pointwiseInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        })
      : tf.layers.conv2d({
          filters,
          kernelSize: spec.kernelSize,
          padding: 'same',
          useBias: true,
          kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        });
  const bn = (x: Sym): Sym => (spec.batchnorm ? (tf.layers.batchNormalization({}).apply(x) as Sym) : x);
  const relu = (x: Sym): Sym => tf.layers.reLU().apply(x) as Sym;
  let x: Sym = input;
  for (const t of tokens) {
    if (t.kind === 'conv') {
      x = relu(bn(conv(t.filters).apply(x) as Sym));
      channels = t.filters;
    } else if (t.kind === 'pool') {
      x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' }).apply(x) as Sym;
    } else if (t.kind === 'dropout') {
      // noiseShape null entries take the input's size: one draw per (example, channel).
      const noiseShape = [null, 1, 1, null] as unknown as number[];
      x = tf.layers.dropout({ rate: spec.dropoutRate, noiseShape }).apply(x) as Sym;
    } else {
      let y = relu(bn(x));
      y = relu(bn(conv(channels).apply(y) as Sym));
      y = conv(channels).apply(y) as Sym;
      x = relu(tf.layers.add().apply([x, y]) as Sym);
    }
  }
  const output = globalPoolLayer(spec.poolingType).apply(x) as Sym;
  return tf.model({ inputs: input, outputs: output, name: 'convnet' });
}
