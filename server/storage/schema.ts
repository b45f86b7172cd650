// SQLite schema of the relay's project database (`<project>/patchwork.sqlite`): the Yjs update log
// and snapshots per room, hashed tokens and content-addressed blobs. Documented in docs/storage.md.
import type Database from 'better-sqlite3';

/** Version of the table layout below, kept in `PRAGMA user_version`. */
export const STORAGE_SCHEMA_VERSION = 1;

const CREATE_V1 = `
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_room_seq ON updates (room, seq);
CREATE TABLE IF NOT EXISTS snapshots (
  room TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_name ON tokens (name);
CREATE TABLE IF NOT EXISTS blobs (
  sha256 TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** Opens the pragmas (WAL, NORMAL sync: every commit survives a process kill) and migrates. */
export function prepareDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > STORAGE_SCHEMA_VERSION) {
    throw new Error(`project database has layout version ${version}, newer than this relay (${STORAGE_SCHEMA_VERSION}); upgrade patchwork`);
  }
  if (version < 1) {
    db.exec(CREATE_V1);
    db.pragma(`user_version = ${STORAGE_SCHEMA_VERSION}`);
  }
}
