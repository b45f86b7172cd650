// Public surface of the relay's storage: open the project database; update log, snapshots,
// tokens and blobs (layout in docs/storage.md).
export { openStorage, STORAGE_FILE_NAME, type Storage } from './sqlite-storage.ts';
export type { RoomStats, CompactionResult } from './update-log.ts';
export { hashToken, tokenNameProblem, MAX_TOKEN_NAME_LENGTH, type TokenIdentity, type TokenRecord } from './tokens.ts';
export { isSha256, sha256Hex, type BlobMeta, type StoredBlob } from './blobs.ts';
export { STORAGE_SCHEMA_VERSION } from './schema.ts';
