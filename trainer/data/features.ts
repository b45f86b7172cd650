// Feature rows for training and prediction: a .npy file (float32 or float16, (N, d) or
// (N, h, w, c)) viewed as a typed array over the file's bytes, without extra copies, and the
// per-batch gather that builds each batch's Float32Array.
import { readFile } from 'node:fs/promises';
import { halfToFloat, parseNpyHeader } from '../../shared/npy/index.ts';

/** Feature rows in image order. float16 data stays as raw bits and is decoded per batch. */
export interface FeatureSet {
  /** Number of rows (N). */
  count: number;
  /** Shape of one row: [d] or [h, w, c]. */
  rowShape: number[];
  /** Elements per row. */
  rowSize: number;
  dtype: 'float32' | 'float16';
  /** Row-major data: Float32Array for float32, Uint16Array of half-precision bits for float16. */
  data: Float32Array | Uint16Array;
}

/** A feature file that cannot be used; the message names the file and the problem. */
export class FeatureFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureFileError';
  }
}

/** Wraps an in-memory float32 array as a FeatureSet of the given row shape. */
export function createFeatureSet(data: Float32Array, count: number, rowShape: number[]): FeatureSet {
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  if (data.length !== count * rowSize) throw new FeatureFileError(`feature data has ${data.length} values, expected ${count} × ${rowSize}`);
  return { count, rowShape: [...rowShape], rowSize, dtype: 'float32', data };
}

/**
 * Views the bytes of a .npy file as a FeatureSet. The typed array shares the bytes' buffer when
 * it is aligned (a copy is made only for a misaligned buffer). Accepts float32 and float16 with
 * 2 or 4 dimensions.
 */
export function featuresFromNpy(bytes: Uint8Array, name = 'features'): FeatureSet {
  const header = parseNpyHeader(bytes);
  const shape = [...header.shape];
  if (shape.length !== 2 && shape.length !== 4) {
    throw new FeatureFileError(`${name}: features must have shape (N, d) or (N, h, w, c), got (${shape.join(', ')})`);
  }
  if (header.dtype !== '<f4' && header.dtype !== '<f2') {
    throw new FeatureFileError(`${name}: features must be float32 or float16, got ${header.dtype}`);
  }
  if (bytes.length < header.dataOffset + header.dataBytes) {
    throw new FeatureFileError(`${name}: truncated .npy file (${bytes.length} bytes, need ${header.dataOffset + header.dataBytes})`);
  }
  const count = shape[0] as number;
  const rowShape = shape.slice(1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const elements = count * rowSize;
  const width = header.dtype === '<f4' ? 4 : 2;
  const start = bytes.byteOffset + header.dataOffset;
  const aligned = start % width === 0;
  const source = aligned ? bytes.buffer : bytes.slice(header.dataOffset, header.dataOffset + header.dataBytes).buffer;
  const offset = aligned ? start : 0;
  const data = width === 4 ? new Float32Array(source, offset, elements) : new Uint16Array(source, offset, elements);
  return { count, rowShape, rowSize, dtype: width === 4 ? 'float32' : 'float16', data };
}

/** Reads a .npy feature file; errors name the file. */
export async function loadFeatures(path: string): Promise<FeatureSet> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeatureFileError(code === 'ENOENT' ? `feature file not found: ${path}` : `cannot read feature file ${path}: ${(error as Error).message}`);
  }
  try {
    return featuresFromNpy(bytes, path);
  } catch (error) {
    if (error instanceof FeatureFileError) throw error;
    throw new FeatureFileError(`${path}: ${(error as Error).message}`);
  }
}

let halfTable: Float32Array | null = null;

/** float16 bits → float32 lookup table (65,536 entries, built once). */
function halfLookup(): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) halfTable[i] = halfToFloat(i);
  }
  return halfTable;
}

/** Copies the given rows into `out` (allocated when absent) as float32, row-major. */
export function gatherRows(features: FeatureSet, rows: ArrayLike<number>, out?: Float32Array): Float32Array {
  const size = features.rowSize;
  const target = out ?? new Float32Array(rows.length * size);
  if (features.dtype === 'float32') {
    const data = features.data as Float32Array;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      target.set(data.subarray(r * size, (r + 1) * size), i * size);
    }
  } else {
    const data = features.data as Uint16Array;
    const table = halfLookup();
    for (let i = 0; i < rows.length; i++) {
      const src = (rows[i] as number) * size;
      const dst = i * size;
      for (let k = 0; k < size; k++) target[dst + k] = table[data[src + k] as number] as number;
    }
  }
  return target;
}

/** Copies rows [start, end) as float32 (a contiguous slice; a view when already float32). */
export function sliceRows(features: FeatureSet, start: number, end: number): Float32Array {
  if (features.dtype === 'float32') return (features.data as Float32Array).subarray(start * features.rowSize, end * features.rowSize);
  const rows = Int32Array.from({ length: end - start }, (_, i) => start + i);
  return gatherRows(features, rows);
}

/** (h, w, c) of a row; a flat (d) row reads as (1, 1, d). */
export function mapShapeOf(features: FeatureSet): { height: number; width: number; channels: number } {
  const s = features.rowShape;
  if (s.length === 3) return { height: s[0] as number, width: s[1] as number, channels: s[2] as number };
  return { height: 1, width: 1, channels: s[0] as number };
}
