// Decoding and encoding whole .npy arrays: float32 and float16 features (float16 widened to
// Float32Array), plus float64 and uint8 for completeness. C order, little-endian only.
import { decodeFloat16, floatToHalf } from './float16.ts';
import { NPY_DTYPES, NpyError, parseNpyHeader, type NpyDtype, type NpyHeader } from './npy-header.ts';

/** A decoded array: flat data in C order and its shape. */
export interface NpyArray {
  /** Float32Array for '<f4' and '<f2', Float64Array for '<f8', Uint8Array for '|u1'. */
  readonly data: Float32Array | Float64Array | Uint8Array;
  readonly shape: readonly number[];
  /** The dtype stored in the file. */
  readonly dtype: NpyDtype;
}

/**
 * Checks that a file of `fileBytes` bytes holds exactly the data its header promises; throws an
 * NpyError saying it is truncated or has trailing bytes.
 */
export function checkNpySize(header: NpyHeader, fileBytes: number): void {
  const found = fileBytes - header.dataOffset;
  if (found < header.dataBytes) {
    throw new NpyError(
      `truncated .npy file: shape (${header.shape.join(', ')}) of ${NPY_DTYPES[header.dtype].name} needs ${header.dataBytes} data bytes, found ${found}`,
    );
  }
  if (found > header.dataBytes) {
    throw new NpyError(`.npy size mismatch: ${found - header.dataBytes} bytes after the data that shape (${header.shape.join(', ')}) calls for`);
  }
}

/**
 * Decodes a complete .npy file. float16 is converted to Float32Array; float32, float64 and uint8
 * are copied into a fresh, aligned typed array.
 *
 * @example
 * const { data, shape } = decodeNpy(encodeNpy(new Float32Array([1, 2, 3, 4]), [2, 2]));
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const header = parseNpyHeader(bytes);
  checkNpySize(header, bytes.length);
  const body = bytes.subarray(header.dataOffset);
  const count = header.dataBytes / NPY_DTYPES[header.dtype].bytes;
  const copy = (): ArrayBuffer => body.slice().buffer as ArrayBuffer;
  switch (header.dtype) {
    case '<f4':
      return { data: new Float32Array(copy(), 0, count), shape: header.shape, dtype: header.dtype };
    case '<f2':
      return { data: decodeFloat16(body, count), shape: header.shape, dtype: header.dtype };
    case '<f8':
      return { data: new Float64Array(copy(), 0, count), shape: header.shape, dtype: header.dtype };
    case '|u1':
      return { data: body.slice(), shape: header.shape, dtype: header.dtype };
  }
}

/** Builds a version 1.0 header for `dtype` and `shape`, padded so the data starts at a multiple of 64. */
export function encodeNpyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + dict.length + 1;
  const total = Math.ceil(unpadded / 64) * 64;
  const text = dict + ' '.repeat(total - unpadded) + '\n';
  if (text.length > 0xffff) throw new NpyError('.npy header too long for format version 1.0');
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  return out;
}

/**
 * Encodes an array as a .npy file (format 1.0, C order). `dtype` defaults to '<f4'; '<f2' rounds
 * each value to float16. The data length must equal the product of the shape.
 */
export function encodeNpy(
  data: Float32Array | Float64Array | Uint8Array,
  shape: readonly number[],
  dtype: NpyDtype = '<f4',
): Uint8Array {
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (shape.some((dim) => !Number.isInteger(dim) || dim < 0)) throw new NpyError(`bad shape (${shape.join(', ')})`);
  if (data.length !== count) throw new NpyError(`${data.length} values do not fill shape (${shape.join(', ')})`);
  const header = encodeNpyHeader(dtype, shape);
  const out = new Uint8Array(header.length + count * NPY_DTYPES[dtype].bytes);
  out.set(header);
  const body = out.subarray(header.length);
  const view = new DataView(out.buffer, header.length);
  for (let i = 0; i < count; i++) {
    const value = data[i] as number;
    switch (dtype) {
      case '<f4': view.setFloat32(4 * i, value, true); break;
      case '<f2': view.setUint16(2 * i, floatToHalf(value), true); break;
      case '<f8': view.setFloat64(8 * i, value, true); break;
      case '|u1': body[i] = value; break;
    }
  }
  return out;
}
