// The built web app (client/dist, located relative to the repository root, never imported) served
// at `/`, with index.html for unknown non-API paths. Without a build, a short page says how to make one.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/** Default location of the built client: `<repo>/client/dist`. */
export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Patchwork</title>
<body style="font-family:system-ui;max-width:40em;margin:4em auto">
<h1>Patchwork relay is running</h1>
<p>The web app has not been built. Build it with <code>npm run build:client</code> and reload this page.</p>
<p>The API is available: <a href="/api/health">/api/health</a>.</p></body>`;

/** Serves `c.req.path` from `dir` (falling back to index.html), or the not-built page. */
export async function serveClient(c: Context, dir: string): Promise<Response> {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return c.html(NOT_BUILT_PAGE, 200);
  let rel: string;
  try {
    rel = decodeURIComponent(c.req.path);
  } catch {
    return c.text('bad path', 400);
  }
  const target = resolve(root, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
  let file = index;
  if (target.startsWith(root + sep)) {
    const info = await stat(target).catch(() => null);
    if (info?.isFile()) file = target;
  }
  const body = new Uint8Array(await readFile(file));
  const hashedAsset = file.includes(`${sep}assets${sep}`);
  return c.body(body, 200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}
