// Minimal .npy reading and writing for the kNN benchmark's exchange with the Python baseline
// (little-endian float32 and int32 C-order arrays only).
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes a C-order little-endian float32 array of the given shape as .npy (format 1.0). */
export function writeNpyFloat32(path: string, data: Float32Array, shape: readonly number[]): void {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/** Reads a little-endian int32 .npy file (as written by numpy.save of an int32 array). */
export function readNpyInt32(path: string): { data: Int32Array; shape: number[] } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  if (!header.includes("'<i4'")) throw new Error(`${path} is not a little-endian int32 array: ${header}`);
  const shape = (/\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const body = bytes.subarray(10 + headerLength);
  const data = new Int32Array(body.length / 4);
  new Uint8Array(data.buffer).set(body);
  return { data, shape };
}
