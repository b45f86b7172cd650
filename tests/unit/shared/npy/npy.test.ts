// .npy header parsing and decoding for float32 and float16 features, with files built here,
// including truncated, corrupted and unsupported ones.
import { describe, expect, it } from 'vitest';
import {
  decodeNpy,
  encodeNpy,
  encodeNpyHeader,
  floatToHalf,
  halfToFloat,
  NpyError,
  npyHeaderSize,
  parseNpyHeader,
} from '../../../../shared/npy/index.ts';

/** A .npy file with a hand-written header dict (for the cases encodeNpy refuses to write). */
function rawNpy(dict: string, dataBytes: number, version = 1): Uint8Array {
  const preamble = version === 1 ? 10 : 12;
  const unpadded = preamble + dict.length + 1;
  const total = Math.ceil(unpadded / 64) * 64;
  const text = dict + ' '.repeat(total - unpadded) + '\n';
  const out = new Uint8Array(total + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[preamble + i] = text.charCodeAt(i);
  return out;
}

describe('.npy', () => {
  it('parses a float32 header from the first bytes only', () => {
    const file = encodeNpy(new Float32Array(2 * 3 * 4 * 5), [2, 3, 4, 5]);
    const headerOnly = file.subarray(0, npyHeaderSize(file.subarray(0, 12)));
    const header = parseNpyHeader(headerOnly);
    expect(header).toMatchObject({ version: [1, 0], dtype: '<f4', fortranOrder: false, shape: [2, 3, 4, 5] });
    expect(header.dataOffset % 64).toBe(0);
    expect(header.dataBytes).toBe(2 * 3 * 4 * 5 * 4);
  });

  it('round-trips float32 exactly and float16 to the nearest half', () => {
    const values = new Float32Array([0, 1, -2.5, 3.14159, 65504, 1e-7, -0.0001]);
    const f4 = decodeNpy(encodeNpy(values, [7, 1]));
    expect(f4.dtype).toBe('<f4');
    expect(f4.shape).toEqual([7, 1]);
    expect([...f4.data]).toEqual([...values]);
    const f2 = decodeNpy(encodeNpy(values, [7], '<f2'));
    expect(f2.dtype).toBe('<f2');
    expect(f2.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f2.data, (v) => Number(v.toPrecision(4)))).toEqual([0, 1, -2.5, 3.141, 65500, 1.192e-7, -0.0001]);
  });

  it('converts float16 bit patterns (normals, subnormals, infinities, NaN, rounding)', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(65520)).toBe(0x7c00);
    expect(floatToHalf(2 ** -25)).toBe(0); // halfway to the smallest subnormal rounds to even (0)
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway, rounds to even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('reads format versions 2.0 and 3.0 and a 1-D shape', () => {
    const v2 = rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12, 2);
    new DataView(v2.buffer).setFloat32(v2.length - 4, 7.5, true);
    expect(decodeNpy(v2)).toMatchObject({ shape: [3], dtype: '<f4' });
    expect(decodeNpy(v2).data[2]).toBe(7.5);
    const v3 = rawNpy("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 1), }", 2, 3);
    expect(parseNpyHeader(v3).version).toEqual([3, 0]);
  });

  it('refuses bad magic, unsupported versions, dtypes and Fortran order', () => {
    const file = encodeNpy(new Float32Array(4), [2, 2]);
    const badMagic = file.slice();
    badMagic[1] = 0x41;
    expect(() => decodeNpy(badMagic)).toThrow(/bad magic/);
    expect(() => decodeNpy(new TextEncoder().encode('filepath,cat\n'))).toThrow(NpyError);
    const badVersion = file.slice();
    badVersion[6] = 9;
    expect(() => decodeNpy(badVersion)).toThrow(/version 9\.0/);
    expect(() => decodeNpy(rawNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 16))).toThrow(
      /unsupported \.npy dtype '<i8'/,
    );
    expect(() => decodeNpy(rawNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8))).toThrow(/'>f4'/);
    expect(() => decodeNpy(rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16))).toThrow(
      /Fortran order/,
    );
    expect(() => decodeNpy(rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", 16))).toThrow(
      /malformed \.npy header/,
    );
  });

  it('refuses truncated files and size mismatches', () => {
    const file = encodeNpy(new Float32Array(6), [3, 2]);
    expect(() => decodeNpy(file.subarray(0, 5))).toThrow(/truncated/);
    expect(() => decodeNpy(file.subarray(0, 40))).toThrow(/truncated .npy file: header needs 128 bytes, found 40/);
    expect(() => decodeNpy(file.subarray(0, file.length - 1))).toThrow(/needs 24 data bytes, found 23/);
    const longer = new Uint8Array(file.length + 4);
    longer.set(file);
    expect(() => decodeNpy(longer)).toThrow(/4 bytes after the data/);
    expect(() => encodeNpy(new Float32Array(5), [3, 2])).toThrow(/do not fill/);
  });

  it('pads headers so data starts at a multiple of 64 bytes', () => {
    for (const shape of [[1], [10, 512], [590000, 7, 7, 2048]]) {
      expect(encodeNpyHeader('<f4', shape).length % 64).toBe(0);
    }
  });
});
