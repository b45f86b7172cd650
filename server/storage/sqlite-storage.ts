// The relay's storage: one SQLite database (better-sqlite3, WAL) inside the project directory holding
// the Yjs update logs and snapshots, hashed tokens and blobs. Every call is synchronous and each
// write is committed when the call returns.
import Database from 'better-sqlite3';
import { prepareDatabase } from './schema.ts';
import { createUpdateLog, type UpdateLog } from './update-log.ts';
import { createTokenStore, type TokenStore } from './tokens.ts';
import { createBlobStore, type BlobStore } from './blobs.ts';

/** File name of the project database inside a project directory. */
export const STORAGE_FILE_NAME = 'patchwork.sqlite';

/** Everything the relay persists. */
export interface Storage extends UpdateLog, TokenStore, BlobStore {
  /** Path of the database file. */
  readonly path: string;
  /** Bytes in the database pages (main file size once the WAL is checkpointed). */
  bytesStored(): number;
  /** Checkpoints the WAL into the main file (used on graceful shutdown). */
  checkpoint(): void;
  /** Checkpoints and closes the database; further calls throw. */
  close(): void;
}

/**
 * Opens (creating if needed) the project database at `dbPath`.
 * @example
 * const storage = openStorage(join(projectDir, STORAGE_FILE_NAME));
 * storage.storeUpdate(projectId, update);
 * const doc = storage.loadDoc(projectId);
 */
export function openStorage(dbPath: string): Storage {
  const db = new Database(dbPath);
  prepareDatabase(db);
  const log = createUpdateLog(db);
  const tokens = createTokenStore(db);
  const blobs = createBlobStore(db);
  const pageCount = db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()');
  return {
    path: dbPath,
    ...log,
    ...tokens,
    ...blobs,
    bytesStored() {
      return (pageCount.get() as { bytes: number }).bytes;
    },
    checkpoint() {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close() {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
