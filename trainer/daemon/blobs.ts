// Publishing bulk outputs: content-addressed blobs stored on the relay with
// `PUT /api/projects/<id>/blobs/<sha256>` (Bearer token), described in the model document by a
// BlobRef (sha256, shape, dtype, bytes).
import { createHash } from 'node:crypto';
import type { BlobRef } from '../../shared/schema/model-doc.ts';

/** Lowercase hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where and as whom blobs are stored. */
export interface BlobTarget {
  /** Relay base URL, `http://host:port`. */
  url: string;
  projectId: string;
  token: string;
}

/** Stores a blob (idempotent: the relay answers 200 when it already has it). */
export async function putBlob(target: BlobTarget, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<string> {
  const sha = sha256Hex(bytes);
  const url = `${target.url}/api/projects/${encodeURIComponent(target.projectId)}/blobs/${sha}`;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': contentType },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`storing blob ${sha.slice(0, 12)}… failed: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  return sha;
}

/** Little-endian bytes of a Float32Array (a view on the same memory on little-endian hosts). */
export function float32Bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Stores row-major N × C predictions as raw little-endian float32. */
export async function putPredictions(target: BlobTarget, predictions: Float32Array, rows: number, classes: number): Promise<BlobRef> {
  const bytes = float32Bytes(predictions);
  const sha256 = await putBlob(target, bytes);
  return { sha256, shape: [rows, classes], dtype: 'float32', bytes: bytes.byteLength };
}

/** Stores opaque bytes (e.g. a packed model). */
export async function putBytes(target: BlobTarget, bytes: Uint8Array): Promise<BlobRef> {
  const sha256 = await putBlob(target, bytes);
  return { sha256, shape: [bytes.byteLength], dtype: 'bytes', bytes: bytes.byteLength };
}
