// Content-addressed blobs (predictions, rankings, model weights): immutable bytes keyed by their
// sha256, with size, content type, who stored them and when.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Metadata of a stored blob. */
export interface BlobMeta {
  sha256: string;
  size: number;
  contentType: string;
  createdBy: string;
  createdAt: number;
}

/** A stored blob with its bytes. */
export interface StoredBlob extends BlobMeta {
  data: Uint8Array;
}

/** True when `s` is a lowercase hex sha256. */
export function isSha256(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

/** sha256 (lowercase hex) of bytes. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Blob operations over the `blobs` table. */
export interface BlobStore {
  /**
   * Stores `data` under `sha256` after checking the hash; idempotent (a second put of the same
   * bytes is a no-op). Returns false when the hash does not match the bytes.
   */
  putBlob(sha256: string, data: Uint8Array, meta: { contentType: string; createdBy: string; now?: number }): boolean;
  getBlob(sha256: string): StoredBlob | null;
  getBlobMeta(sha256: string): BlobMeta | null;
}

/** Builds the blob store on an open database. */
export function createBlobStore(db: Database.Database): BlobStore {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO blobs (sha256, data, size, content_type, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const COLS = 'sha256, size, content_type AS contentType, created_by AS createdBy, created_at AS createdAt';
  const get = db.prepare(`SELECT ${COLS}, data FROM blobs WHERE sha256 = ?`);
  const getMeta = db.prepare(`SELECT ${COLS} FROM blobs WHERE sha256 = ?`);
  return {
    putBlob(sha256, data, meta) {
      if (!isSha256(sha256) || sha256Hex(data) !== sha256) return false;
      insert.run(sha256, Buffer.from(data.buffer, data.byteOffset, data.byteLength), data.byteLength, meta.contentType, meta.createdBy, meta.now ?? Date.now());
      return true;
    },
    getBlob(sha256) {
      if (!isSha256(sha256)) return null;
      const row = get.get(sha256) as (BlobMeta & { data: Buffer }) | undefined;
      if (!row) return null;
      return { ...row, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
    },
    getBlobMeta(sha256) {
      if (!isSha256(sha256)) return null;
      return (getMeta.get(sha256) as BlobMeta | undefined) ?? null;
    },
  };
}
