// The NumPy .npy header (format versions 1.0, 2.0 and 3.0): magic, version, header length and the
// Python-literal dict {'descr', 'fortran_order', 'shape'}. Parsing needs only the first bytes of a
// file, so a multi-gigabyte feature file can be validated without reading it.

/** A malformed or unsupported .npy file. */
export class NpyError extends Error {
  override readonly name = 'NpyError';
}

/** The six magic bytes every .npy file starts with: \x93NUMPY. */
export const NPY_MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Element types this product reads and writes, with their size in bytes. */
export const NPY_DTYPES = {
  '<f4': { name: 'float32', bytes: 4 },
  '<f2': { name: 'float16', bytes: 2 },
  '<f8': { name: 'float64', bytes: 8 },
  '|u1': { name: 'uint8', bytes: 1 },
} as const;
/** A supported .npy `descr` string. */
export type NpyDtype = keyof typeof NPY_DTYPES;

/** What the header of a .npy file says. */
export interface NpyHeader {
  /** Format version, [major, minor]. */
  readonly version: readonly [number, number];
  readonly dtype: NpyDtype;
  /** Always false: Fortran-ordered arrays are refused. */
  readonly fortranOrder: false;
  readonly shape: readonly number[];
  /** Byte offset of the first data byte (the header's total length). */
  readonly dataOffset: number;
  /** Number of data bytes the shape and dtype call for. */
  readonly dataBytes: number;
}

/** The smallest prefix from which {@link npyHeaderSize} can work out the header length. */
export const NPY_PREFIX_BYTES = 12;

/**
 * Total header length (= data offset) from the first bytes of a file (at least 10 for version 1,
 * 12 for versions 2 and 3). Throws NpyError on a bad magic, an unknown version or too few bytes.
 */
export function npyHeaderSize(prefix: Uint8Array): number {
  if (prefix.length < 8 || NPY_MAGIC.some((byte, i) => prefix[i] !== byte)) {
    if (prefix.length < 8 && NPY_MAGIC.slice(0, prefix.length).every((byte, i) => prefix[i] === byte)) {
      throw new NpyError(`truncated .npy file: ${prefix.length} bytes, too short for a header`);
    }
    throw new NpyError('not a .npy file (bad magic bytes; expected \\x93NUMPY)');
  }
  const major = prefix[6] as number;
  if (major !== 1 && major !== 2 && major !== 3) {
    throw new NpyError(`unsupported .npy format version ${major}.${prefix[7]} (expected 1.0, 2.0 or 3.0)`);
  }
  const lengthBytes = major === 1 ? 2 : 4;
  if (prefix.length < 8 + lengthBytes) throw new NpyError('truncated .npy file: the header length is cut off');
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  return 8 + lengthBytes + headerLength;
}

/**
 * Parses the header from the first bytes of a .npy file (enough bytes for {@link npyHeaderSize};
 * the data itself is not needed). Checks the dtype is supported, `fortran_order` is False and the
 * shape is a tuple of non-negative integers.
 */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  const dataOffset = npyHeaderSize(bytes);
  if (bytes.length < dataOffset) {
    throw new NpyError(`truncated .npy file: header needs ${dataOffset} bytes, found ${bytes.length}`);
  }
  const major = bytes[6] as number;
  const start = major === 1 ? 10 : 12;
  const text = decodeHeaderText(bytes.subarray(start, dataOffset), major === 3);
  const dict = parseHeaderDict(text);
  const descr = dict.get('descr');
  if (typeof descr !== 'string') throw new NpyError(`.npy header has no 'descr' string: ${text.trim()}`);
  if (!(descr in NPY_DTYPES)) {
    throw new NpyError(`unsupported .npy dtype '${descr}' (expected '<f4' float32 or '<f2' float16)`);
  }
  const fortran = dict.get('fortran_order');
  if (fortran !== false) {
    throw new NpyError(fortran === true ? '.npy array is in Fortran order (save it C-ordered: np.ascontiguousarray)' : `.npy header has no 'fortran_order': ${text.trim()}`);
  }
  const shape = dict.get('shape');
  if (!Array.isArray(shape)) throw new NpyError(`.npy header has no 'shape' tuple: ${text.trim()}`);
  const dtype = descr as NpyDtype;
  const count = shape.reduce((product, dim) => product * dim, 1);
  return { version: [major, bytes[7] as number], dtype, fortranOrder: false, shape, dataOffset, dataBytes: count * NPY_DTYPES[dtype].bytes };
}

function decodeHeaderText(bytes: Uint8Array, utf8: boolean): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte > 0x7e && !utf8) throw new NpyError('.npy header is not ASCII');
    text += String.fromCharCode(byte);
  }
  return text;
}

type HeaderValue = string | boolean | number[];

/** Parses the header's Python dict literal (string, bool and int-tuple values only). */
function parseHeaderDict(text: string): Map<string, HeaderValue> {
  const bad = (why: string): NpyError => new NpyError(`malformed .npy header (${why}): ${text.trim().slice(0, 120)}`);
  const entries = new Map<string, HeaderValue>();
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const expect = (char: string): void => {
    skip();
    if (text[i] !== char) throw bad(`expected '${char}'`);
    i++;
  };
  const readString = (): string => {
    skip();
    const quote = text[i];
    if (quote !== "'" && quote !== '"') throw bad('expected a string');
    const end = text.indexOf(quote, i + 1);
    if (end < 0) throw bad('unterminated string');
    const value = text.slice(i + 1, end);
    i = end + 1;
    return value;
  };
  const readValue = (): HeaderValue => {
    skip();
    const char = text[i];
    if (char === "'" || char === '"') return readString();
    if (text.startsWith('True', i)) return (i += 4), true;
    if (text.startsWith('False', i)) return (i += 5), false;
    if (char === '(') {
      i++;
      const dims: number[] = [];
      for (;;) {
        skip();
        if (text[i] === ')') return i++, dims;
        const match = /^\d+/.exec(text.slice(i));
        if (!match) throw bad('shape must be a tuple of non-negative integers');
        dims.push(Number(match[0]));
        i += match[0].length;
        skip();
        if (text[i] === 'L') i++; // Python 2 long suffix
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ')') throw bad("expected ',' or ')' in shape");
      }
    }
    throw bad('unsupported value');
  };
  expect('{');
  for (;;) {
    skip();
    if (text[i] === '}') break;
    const key = readString();
    expect(':');
    entries.set(key, readValue());
    skip();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw bad("expected ',' or '}'");
  }
  return entries;
}
