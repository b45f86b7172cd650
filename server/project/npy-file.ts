// Validation of a .npy feature file from its header alone: the first bytes are read, the size is
// taken from the file system, so a multi-gigabyte file is checked without being loaded.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { checkNpySize, NPY_DTYPES, npyHeaderSize, NpyError, parseNpyHeader, type NpyHeader } from '../../shared/npy/index.ts';
import type { FeaturesConfig } from './project-config.ts';
import { ProjectError } from './project-error.ts';

/** Bytes read up front; almost every header fits (numpy pads headers to 64 or 128 bytes). */
const FIRST_READ_BYTES = 4096;

/** Reads and checks the header of a .npy file (magic, version, dtype, order, shape, file size). */
export function readNpyFileHeader(path: string): NpyHeader {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let bytes = readAt(fd, Math.min(size, FIRST_READ_BYTES));
    const needed = safeHeaderSize(bytes);
    if (needed > bytes.length && needed <= size) bytes = readAt(fd, needed);
    const header = parseNpyHeader(bytes);
    checkNpySize(header, size);
    return header;
  } finally {
    closeSync(fd);
  }
}

function safeHeaderSize(bytes: Uint8Array): number {
  try {
    return npyHeaderSize(bytes);
  } catch (error) {
    if (error instanceof NpyError) return 0; // parseNpyHeader reports it with the full message
    throw error;
  }
}

function readAt(fd: number, length: number): Uint8Array {
  const buffer = new Uint8Array(length);
  const read = readSync(fd, buffer, 0, length, 0);
  return buffer.subarray(0, read);
}

/**
 * Validates a feature file for a project of `imageCount` images: float32 or float16, C order,
 * shape (N, d) or (N, h, w, c) with N = imageCount, and a size matching the header.
 */
export function validateFeatureFile(path: string, imageCount: number): FeaturesConfig {
  if (!existsSync(path)) throw new ProjectError(`features file ${path}: no such file`);
  if (statSync(path).isDirectory()) throw new ProjectError(`features file ${path} is a directory, not a file`);
  let header: NpyHeader;
  try {
    header = readNpyFileHeader(path);
  } catch (error) {
    if (error instanceof NpyError) throw new ProjectError(`${path}: ${error.message}`);
    throw error;
  }
  const name = NPY_DTYPES[header.dtype].name;
  if (name !== 'float32' && name !== 'float16') {
    throw new ProjectError(`${path}: features must be float32 or float16, not ${name} (convert with arr.astype("float32"))`);
  }
  const shape = header.shape;
  if (shape.length !== 2 && shape.length !== 4) {
    throw new ProjectError(`${path}: features must have shape (N, d) or (N, h, w, c), not (${shape.join(', ')})`);
  }
  if (shape[0] !== imageCount) {
    throw new ProjectError(`${path}: ${shape[0]} feature rows but ${imageCount} images (rows must be the images, in list order)`);
  }
  if (shape.slice(1).some((dim) => dim === 0)) throw new ProjectError(`${path}: a feature dimension is 0 in shape (${shape.join(', ')})`);
  return { path, dtype: name, shape: [...shape] };
}
