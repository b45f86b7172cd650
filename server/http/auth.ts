// Bearer-token authentication for the HTTP API: `Authorization: Bearer <token>` (or `?token=` for
// GET requests from <img> tags), checked against the hashed tokens in storage on every request.
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../shared/protocol/roles.ts';
import type { Storage, TokenIdentity } from '../storage/index.ts';

/** Hono variables set by the auth middleware. */
export interface AuthVariables {
  identity: TokenIdentity;
}

/** The token of a request: the bearer header, else the `token` query parameter (GET/HEAD only). */
export function requestToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? (match[1] ?? null) : null;
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.req.query('token') ?? null;
  return null;
}

/** Middleware answering 401 unless the request carries a valid, unrevoked token. */
export function requireToken(storage: Storage): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = requestToken(c);
    const identity = token ? storage.verifyToken(token) : null;
    if (!identity) {
      c.header('WWW-Authenticate', 'Bearer realm="patchwork"');
      return c.json({ error: 'a valid token is required (Authorization: Bearer <token>)' }, 401);
    }
    c.set('identity', identity);
    await next();
    return undefined;
  };
}

/** True when `role` is one of `allowed`. */
export function roleIn(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
