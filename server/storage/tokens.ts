// Bearer tokens: random 256-bit secrets shown once, stored only as their sha256. Each token carries
// a name (the annotator identity the relay enforces) and a role; revocation is by name.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ROLES, type Role } from '../../shared/protocol/roles.ts';

/** Every new token starts with this (tokens made before it existed still work). */
export const TOKEN_PREFIX = 'pw_';

/** Who a valid token belongs to. */
export interface TokenIdentity {
  name: string;
  role: Role;
}

/** A stored token row, without the secret. */
export interface TokenRecord extends TokenIdentity {
  createdAt: number;
  revokedAt: number | null;
}

/** Longest accepted token name (it becomes the `by` of label events). */
export const MAX_TOKEN_NAME_LENGTH = 64;

/** sha256 (hex) of a token: the only form that reaches the database. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Why a token name is unacceptable, or null. Names are the annotator identities in events. */
export function tokenNameProblem(name: string): string | null {
  if (name.length === 0) return 'a token name is empty';
  if (name.length > MAX_TOKEN_NAME_LENGTH) return `token name is longer than ${MAX_TOKEN_NAME_LENGTH} characters`;
  if (name !== name.trim()) return 'token name has leading or trailing spaces';
  if (/[\u0000-\u001f,"]/.test(name)) return 'token name contains a control character, comma or quote';
  return null;
}

/** Token operations over the `tokens` table. */
export interface TokenStore {
  /** Creates a token for `name` with `role`; returns the secret (shown once, never stored). */
  createToken(name: string, role: Role, now?: number): string;
  /** The identity of a valid, unrevoked token, or null. */
  verifyToken(token: string): TokenIdentity | null;
  /** Revokes every token of `name`; returns how many were revoked. */
  revokeTokens(name: string, now?: number): number;
  /** All tokens (without secrets), newest first. */
  listTokens(): TokenRecord[];
}

/** Builds the token store on an open database. */
export function createTokenStore(db: Database.Database): TokenStore {
  const insert = db.prepare('INSERT INTO tokens (hash, name, role, created_at) VALUES (?, ?, ?, ?)');
  const byHash = db.prepare('SELECT name, role FROM tokens WHERE hash = ? AND revoked_at IS NULL');
  const activeRoleOfName = db.prepare('SELECT role FROM tokens WHERE name = ? AND revoked_at IS NULL LIMIT 1');
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL');
  const list = db.prepare('SELECT name, role, created_at AS createdAt, revoked_at AS revokedAt FROM tokens ORDER BY created_at DESC');
  return {
    createToken(name, role, now = Date.now()) {
      const problem = tokenNameProblem(name);
      if (problem) throw new Error(problem);
      if (!ROLES.includes(role)) throw new Error(`unknown role "${role}" (expected ${ROLES.join(', ')})`);
      const existing = activeRoleOfName.get(name) as { role: string } | undefined;
      if (existing && existing.role !== role) {
        throw new Error(`"${name}" already has an active ${existing.role} token; revoke it first or choose another name`);
      }
      // The prefix names the secret and keeps it from starting with "-" (which command-line
      // parsers read as an option).
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      insert.run(hashToken(token), name, role, now);
      return token;
    },
    verifyToken(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
      const row = byHash.get(hashToken(token)) as { name: string; role: string } | undefined;
      if (!row || !ROLES.includes(row.role as Role)) return null;
      return { name: row.name, role: row.role as Role };
    },
    revokeTokens(name, now = Date.now()) {
      return revoke.run(now, name).changes;
    },
    listTokens() {
      return list.all() as TokenRecord[];
    },
  };
}
