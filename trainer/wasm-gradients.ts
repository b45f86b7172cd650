// Gradient kernels the wasm backend lacks in tfjs 4.22 (Conv2DBackpropFilter and the two
// depthwise backprops), so convnets can train on wasm. Conv2DBackpropFilter reuses the wasm
// Conv3DBackpropFilterV2 kernel on the same memory viewed with a depth of 1; the depthwise ones
// are plain loops over the backend's typed arrays.
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
interface WasmLike {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array;
}
interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: [number, number, number, number];
  inputShape?: [number, number, number, number];
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** Plain-loop filter gradient for strided convolutions (the product's convnets use stride 1). */
function conv2dBackpropFilterLoops(args: { inputs: { x: Info; dy: Info }; backend: unknown; attrs: ConvAttrs }): Info {
  const backend = args.backend as WasmLike;
  const { x, dy } = args.inputs;
  const filterShape = args.attrs.filterShape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    args.attrs.strides,
    args.attrs.dilations ?? 1,
    args.attrs.pad,
    args.attrs.dimRoundingMode,
  );
  const xv = backend.readSync(x.dataId);
  const dyv = backend.readSync(dy.dataId);
  const out = backend.makeOutput(filterShape, 'float32');
  const dw = backend.typedArrayFromHeap(out);
  dw.fill(0);
  const [kh, kw, ci, co] = filterShape;
  const { batchSize: B, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dwl } = info;
  const { top, left } = info.padInfo;
  for (let b = 0; b < B; b++) {
    for (let yo = 0; yo < Ho; yo++) {
      for (let xo = 0; xo < Wo; xo++) {
        const dyBase = ((b * Ho + yo) * Wo + xo) * co;
        for (let fy = 0; fy < kh; fy++) {
          const yi = yo * sh + fy * dh - top;
          if (yi < 0 || yi >= H) continue;
          for (let fx = 0; fx < kw; fx++) {
            const xi = xo * sw + fx * dwl - left;
            if (xi < 0 || xi >= W) continue;
            const xBase = ((b * H + yi) * W + xi) * ci;
            for (let c = 0; c < ci; c++) {
              const xval = xv[xBase + c] as number;
              if (xval === 0) continue;
              const wBase = ((fy * kw + fx) * ci + c) * co;
              for (let o = 0; o < co; o++) dw[wBase + o] = (dw[wBase + o] as number) + xval * (dyv[dyBase + o] as number);
            }
          }
        }
      }
    }
  }
  return out;
}

interface WasmBackend extends WasmLike {
  disposeData(dataId: object): boolean;
}

/** Calls a registered wasm kernel directly (inside another kernel). */
function runKernel(name: string, inputs: Record<string, Info>, attrs: Record<string, unknown>, backend: unknown): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs: inputs as unknown as tf.NamedTensorInfoMap, backend: backend as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap }) as Info;
}

/** Stride 1, no dilation, and either 'same' with odd kernel sizes or a 1×1 kernel. */
function isFastCase(attrs: ConvAttrs, kh: number, kw: number): boolean {
  const [sh, sw] = pair(attrs.strides);
  const [dh, dw] = pair(attrs.dilations ?? 1);
  if (sh !== 1 || sw !== 1 || dh !== 1 || dw !== 1) return false;
  if (kh === 1 && kw === 1) return attrs.pad === 'same' || attrs.pad === 'valid' || attrs.pad === 0;
  return attrs.pad === 'same' && kh % 2 === 1 && kw % 2 === 1;
}

/**
 * dW as kh·kw matrix products: dW[fy, fx] = xpad[:, fy:fy+H, fx:fx+W, :]ᵀ · dy over all
 * B·H·W positions, on the wasm (XNNPACK) matmul.
 */
function conv2dBackpropFilterMatmul(x: Info, dy: Info, filterShape: [number, number, number, number], backend: WasmBackend): Info {
  const [kh, kw, ci, co] = filterShape;
  const [B, H, W] = x.shape as [number, number, number, number];
  const top = (kh - 1) / 2;
  const left = (kw - 1) / 2;
  const padded = kh > 1 || kw > 1;
  const xpad = padded
    ? runKernel('PadV2', { x }, { paddings: [[0, 0], [top, top], [left, left], [0, 0]], constantValue: 0 }, backend)
    : x;
  const out = backend.makeOutput(filterShape, 'float32');
  const n = B * H * W;
  // dyᵀ once (co × n): the wasm matmul is much slower with transposeA than on a transposed copy.
  const dyFlat = runKernel('Reshape', { x: dy }, { shape: [n, co] }, backend);
  const dyT2 = runKernel('Transpose', { x: dyFlat }, { perm: [1, 0] }, backend);
  const dyT = runKernel('Reshape', { x: dyT2 }, { shape: [1, co, n] }, backend);
  for (let fy = 0; fy < kh; fy++) {
    for (let fx = 0; fx < kw; fx++) {
      const xs = padded ? runKernel('Slice', { x: xpad }, { begin: [0, fy, fx, 0], size: [B, H, W, ci] }, backend) : x;
      const xs2 = runKernel('Reshape', { x: xs }, { shape: [1, n, ci] }, backend);
      const m = runKernel('BatchMatMul', { a: dyT, b: xs2 }, { transposeA: false, transposeB: false }, backend);
      // m is (co × ci); write it transposed. Re-read heap views after each kernel (the heap may grow).
      const mv = backend.typedArrayFromHeap(m);
      const ov = backend.typedArrayFromHeap(out);
      const base = (fy * kw + fx) * ci * co;
      for (let o = 0; o < co; o++) for (let c = 0; c < ci; c++) ov[base + c * co + o] = mv[o * ci + c] as number;
      backend.disposeData(m.dataId);
      backend.disposeData(xs2.dataId);
      if (padded) backend.disposeData(xs.dataId);
    }
  }
  backend.disposeData(dyFlat.dataId);
  backend.disposeData(dyT2.dataId);
  backend.disposeData(dyT.dataId);
  if (padded) backend.disposeData(xpad.dataId);
  return out;
}

/** dX as a forward 'same' convolution of dy with the flipped, in/out-swapped filter. */
function conv2dBackpropInputConv(dy: Info, filter: Info, backend: WasmBackend): Info {
  const flipped = runKernel('Reverse', { x: filter }, { dims: [0, 1] }, backend);
  const swapped = runKernel('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, backend);
  const dx = runKernel('Conv2D', { x: dy, filter: swapped }, { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] }, backend);
  backend.disposeData(flipped.dataId);
  backend.disposeData(swapped.dataId);
  return dx;
}

function conv2dBackpropFilter(args: { inputs: { x: Info; dy: Info }; backend: unknown; attrs: ConvAttrs }): Info {
  const { x, dy } = args.inputs;
  const [sh, sw] = pair(args.attrs.strides);
  const [dh, dwl] = pair(args.attrs.dilations ?? 1);
  const shape = args.attrs.filterShape as [number, number, number, number];
  if (isFastCase(args.attrs, shape[0], shape[1])) return conv2dBackpropFilterMatmul(x, dy, shape, args.backend as WasmBackend);
  // The wasm Conv3D filter gradient disagrees with the cpu backend for strides > 1.
  if (sh !== 1 || sw !== 1 || dh !== 1 || dwl !== 1) return conv2dBackpropFilterLoops(args);
  const filterShape = args.attrs.filterShape as [number, number, number, number];
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) throw new Error('the wasm backend has no Conv3DBackpropFilterV2 kernel');
  const as5d = (t: Info): Info => ({ dataId: t.dataId, dtype: t.dtype, shape: [t.shape[0] as number, 1, ...t.shape.slice(1)] });
  const dw = conv3d.kernelFunc({
    inputs: { x: as5d(x) as unknown as tf.Tensor, dy: as5d(dy) as unknown as tf.Tensor },
    backend: args.backend as tf.KernelBackend,
    attrs: { strides: [1, sh, sw], pad: args.attrs.pad, filterShape: [1, ...filterShape] } as unknown as tf.NamedAttrMap,
  }) as Info;
  return { dataId: dw.dataId, dtype: dw.dtype, shape: filterShape };
}

function depthwiseInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

function depthwiseBackpropFilter(args: { inputs: { x: Info; dy: Info }; backend: unknown; attrs: ConvAttrs }): Info {
  const backend = args.backend as WasmLike;
  const { x, dy } = args.inputs;
  const filterShape = args.attrs.filterShape as [number, number, number, number];
  const info = depthwiseInfo(x.shape, filterShape, args.attrs);
  const xv = backend.readSync(x.dataId);
  const dyv = backend.readSync(dy.dataId);
  const out = backend.makeOutput(filterShape, 'float32');
  const dw = backend.typedArrayFromHeap(out);
  dw.fill(0);
  const [kh, kw, ci, m] = filterShape;
  const { batchSize: B, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dwl } = info;
  const { top, left } = info.padInfo;
  for (let b = 0; b < B; b++) {
    for (let yo = 0; yo < Ho; yo++) {
      for (let xo = 0; xo < Wo; xo++) {
        const dyBase = ((b * Ho + yo) * Wo + xo) * ci * m;
        for (let fy = 0; fy < kh; fy++) {
          const yi = yo * sh + fy * dh - top;
          if (yi < 0 || yi >= H) continue;
          for (let fx = 0; fx < kw; fx++) {
            const xi = xo * sw + fx * dwl - left;
            if (xi < 0 || xi >= W) continue;
            const xBase = ((b * H + yi) * W + xi) * ci;
            const wBase = (fy * kw + fx) * ci * m;
            for (let c = 0; c < ci; c++) {
              const xval = xv[xBase + c] as number;
              if (xval === 0) continue;
              for (let q = 0; q < m; q++) dw[wBase + c * m + q] = (dw[wBase + c * m + q] as number) + xval * (dyv[dyBase + c * m + q] as number);
            }
          }
        }
      }
    }
  }
  return out;
}

function depthwiseBackpropInput(args: { inputs: { dy: Info; filter: Info }; backend: unknown; attrs: ConvAttrs }): Info {
  const backend = args.backend as WasmLike;
  const { dy, filter } = args.inputs;
  const inputShape = args.attrs.inputShape as [number, number, number, number];
  const info = depthwiseInfo(inputShape, filter.shape, args.attrs);
  const dyv = backend.readSync(dy.dataId);
  const wv = backend.readSync(filter.dataId);
  const out = backend.makeOutput(inputShape, 'float32');
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const [kh, kw, ci, m] = filter.shape as [number, number, number, number];
  const { batchSize: B, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dwl } = info;
  const { top, left } = info.padInfo;
  for (let b = 0; b < B; b++) {
    for (let yo = 0; yo < Ho; yo++) {
      for (let xo = 0; xo < Wo; xo++) {
        const dyBase = ((b * Ho + yo) * Wo + xo) * ci * m;
        for (let fy = 0; fy < kh; fy++) {
          const yi = yo * sh + fy * dh - top;
          if (yi < 0 || yi >= H) continue;
          for (let fx = 0; fx < kw; fx++) {
            const xi = xo * sw + fx * dwl - left;
            if (xi < 0 || xi >= W) continue;
            const xBase = ((b * H + yi) * W + xi) * ci;
            const wBase = (fy * kw + fx) * ci * m;
            for (let c = 0; c < ci; c++) {
              let acc = 0;
              for (let q = 0; q < m; q++) acc += (dyv[dyBase + c * m + q] as number) * (wv[wBase + c * m + q] as number);
              dx[xBase + c] = (dx[xBase + c] as number) + acc;
            }
          }
        }
      }
    }
  }
  return out;
}

let registered = false;

/** Registers the missing wasm gradient kernels once (a no-op when tfjs already has them). */
export function registerWasmGradients(): void {
  if (registered) return;
  registered = true;
  const add = (kernelName: string, kernelFunc: unknown): void => {
    if (tf.getKernel(kernelName, 'wasm')) return;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
  };
  add('Conv2DBackpropFilter', conv2dBackpropFilter);
  // Replace the stock (naive-loop) input gradient with a forward convolution where it applies.
  const stock = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (stock) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({
      kernelName: 'Conv2DBackpropInput',
      backendName: 'wasm',
      ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}),
      kernelFunc: (args) => {
        const { dy, filter } = args.inputs as unknown as { dy: Info; filter: Info };
        const attrs = args.attrs as unknown as ConvAttrs & { dataFormat?: string };
        const fast = (attrs.dataFormat ?? 'NHWC') === 'NHWC' && isFastCase(attrs, filter.shape[0] as number, filter.shape[1] as number);
        return fast ? conv2dBackpropInputConv(dy, filter, args.backend as WasmBackend) : stock.kernelFunc(args);
      },
    });
  }
  add('DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter);
  add('DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput);
}
