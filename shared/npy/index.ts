// Public API of the .npy area: header parsing from the first bytes of a file, whole-array decode
// (float16 widened to float32) and encode. Pure: bytes in, arrays out.
export {
  NpyError,
  NPY_MAGIC,
  NPY_DTYPES,
  NPY_PREFIX_BYTES,
  npyHeaderSize,
  parseNpyHeader,
  type NpyDtype,
  type NpyHeader,
} from './npy-header.ts';
export { decodeNpy, encodeNpy, encodeNpyHeader, checkNpySize, type NpyArray } from './npy-codec.ts';
export { halfToFloat, floatToHalf, decodeFloat16 } from './float16.ts';
