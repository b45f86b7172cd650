// Service worker: precaches the app shell (the build writes the file list into PRECACHE) so the app
// loads with no network; keeps images and blobs (immutable per URL) cache-first; answers the
// health and project-config requests from cache when the relay cannot be reached.
// Self-contained on purpose: a classic worker script with no imports.

const sw = self as unknown as ServiceWorkerGlobalScope & { __PATCHWORK_PRECACHE__?: string[] };

/** Files of the built app; the build (client/vite.config.ts) defines the global at the top of sw.js. */
const PRECACHE: string[] = sw.__PATCHWORK_PRECACHE__ ?? ['./'];
/** Version of the shell cache: the file list changes with every build (hashed names). */
const SHELL_CACHE = `patchwork-shell-${hashList(PRECACHE)}`;
/** Images of the project, keyed by URL (row and thumbnail size). */
const IMAGE_CACHE = 'patchwork-images-v1';
/** Content-addressed blobs (predictions, rankings). */
const BLOB_CACHE = 'patchwork-blobs-v1';
/** Last good answers of the JSON API, for offline starts. */
const API_CACHE = 'patchwork-api-v1';
/** Most images kept; older entries are dropped first. */
const MAX_IMAGES = 4000;

function hashList(list: readonly string[]): string {
  let h = 5381;
  for (const s of list) for (let i = 0; i < s.length; i++) h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('patchwork-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function trim(cache: Cache, max: number): Promise<void> {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - max; i++) await cache.delete(keys[i] as Request);
}

async function cacheFirst(request: Request, cacheName: string, max?: number): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    if (max) void trim(cache, max);
  }
  return response;
}

async function networkFirst(request: Request, cacheName: string, fallbackUrl?: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = (await cache.match(request)) ?? (fallbackUrl ? await caches.match(fallbackUrl) : undefined);
    if (hit) return hit;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_CACHE, new URL('./', sw.location.href).href));
  } else if (/\/api\/projects\/[^/]+\/images\//.test(path)) {
    event.respondWith(cacheFirst(request, IMAGE_CACHE, MAX_IMAGES));
  } else if (/\/api\/projects\/[^/]+\/blobs\//.test(path)) {
    event.respondWith(cacheFirst(request, BLOB_CACHE));
  } else if (path === '/api/health' || /^\/api\/projects\/[^/]+$/.test(path)) {
    event.respondWith(networkFirst(request, API_CACHE));
  } else if (!path.startsWith('/api/') && !path.startsWith('/yjs/')) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  }
});
