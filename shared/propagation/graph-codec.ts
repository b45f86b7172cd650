// Byte format of a kNN graph blob (content-addressed on the relay): a small header with the build
// parameters as JSON, then the CSR arrays, all little-endian, arrays aligned for zero-fuss decoding.
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import type { GraphParams, KnnGraph } from './graph-types.ts';

/** First four bytes of a graph blob: ASCII "PWKG". */
export const GRAPH_MAGIC = 0x474b5750;
/** Version of the graph byte format written by encodeGraph. */
export const GRAPH_FORMAT_VERSION = 1;
/** Bytes before the JSON header: magic, version, n, nnz, header length (u32 each). */
const FIXED_HEADER_BYTES = 20;
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function align8(x: number): number {
  return (x + 7) & ~7;
}

/**
 * Encodes a graph as bytes: `PWKG`, u32 version, u32 n, u32 nnz, u32 L, L bytes of JSON params,
 * zero padding to 8 bytes, int32 indptr[n+1], int32 indices[nnz], padding to 8, float64 data[nnz].
 */
export function encodeGraph(graph: KnnGraph): Uint8Array {
  const { n, indptr, indices, data } = graph;
  const nnz = indices.length;
  const header = encodeUtf8(JSON.stringify(graph.params));
  const indptrAt = align8(FIXED_HEADER_BYTES + header.length);
  const indicesAt = indptrAt + 4 * (n + 1);
  const dataAt = align8(indicesAt + 4 * nnz);
  const bytes = new Uint8Array(dataAt + 8 * nnz);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, GRAPH_MAGIC, true);
  view.setUint32(4, GRAPH_FORMAT_VERSION, true);
  view.setUint32(8, n, true);
  view.setUint32(12, nnz, true);
  view.setUint32(16, header.length, true);
  bytes.set(header, FIXED_HEADER_BYTES);
  if (IS_LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(indptr.buffer, indptr.byteOffset, indptr.byteLength), indptrAt);
    bytes.set(new Uint8Array(indices.buffer, indices.byteOffset, indices.byteLength), indicesAt);
    bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataAt);
  } else {
    for (let i = 0; i <= n; i++) view.setInt32(indptrAt + 4 * i, indptr[i] as number, true);
    for (let i = 0; i < nnz; i++) view.setInt32(indicesAt + 4 * i, indices[i] as number, true);
    for (let i = 0; i < nnz; i++) view.setFloat64(dataAt + 8 * i, data[i] as number, true);
  }
  return bytes;
}

/** Decodes bytes written by encodeGraph; throws a clear error on anything else. */
export function decodeGraph(bytes: Uint8Array): KnnGraph {
  if (bytes.length < FIXED_HEADER_BYTES) throw new Error('graph blob is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GRAPH_MAGIC) throw new Error('not a graph blob (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== GRAPH_FORMAT_VERSION) throw new Error(`unsupported graph format version ${version}`);
  const n = view.getUint32(8, true);
  const nnz = view.getUint32(12, true);
  const headerLength = view.getUint32(16, true);
  const indptrAt = align8(FIXED_HEADER_BYTES + headerLength);
  const indicesAt = indptrAt + 4 * (n + 1);
  const dataAt = align8(indicesAt + 4 * nnz);
  if (bytes.length !== dataAt + 8 * nnz) throw new Error(`graph blob has ${bytes.length} bytes, expected ${dataAt + 8 * nnz}`);
  const params = JSON.parse(decodeUtf8(bytes.subarray(FIXED_HEADER_BYTES, FIXED_HEADER_BYTES + headerLength))) as GraphParams;
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  if (IS_LITTLE_ENDIAN) {
    new Uint8Array(indptr.buffer).set(bytes.subarray(indptrAt, indicesAt));
    new Uint8Array(indices.buffer).set(bytes.subarray(indicesAt, indicesAt + 4 * nnz));
    new Uint8Array(data.buffer).set(bytes.subarray(dataAt, dataAt + 8 * nnz));
  } else {
    for (let i = 0; i <= n; i++) indptr[i] = view.getInt32(indptrAt + 4 * i, true);
    for (let i = 0; i < nnz; i++) indices[i] = view.getInt32(indicesAt + 4 * i, true);
    for (let i = 0; i < nnz; i++) data[i] = view.getFloat64(dataAt + 8 * i, true);
  }
  if (indptr[0] !== 0 || indptr[n] !== nnz) throw new Error('graph blob has inconsistent row pointers');
  for (let i = 0; i < nnz; i++) {
    const j = indices[i] as number;
    if (j < 0 || j >= n) throw new Error(`graph blob has an out-of-range column ${j}`);
  }
  return { n, indptr, indices, data, params };
}
