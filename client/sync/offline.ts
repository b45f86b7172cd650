// Offline support in the page: registers the service worker (which caches the app shell, images
// and blobs) and warms its cache with the images of the current and next batch.

/** Registers `sw.js` next to the page; failures are logged, never fatal (the app works without it). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('patchwork: service worker not registered', error));
}

/** Most image requests in flight at once while prefetching. */
export const PREFETCH_CONCURRENCY = 4;

/**
 * Fetches the given URLs (the service worker stores the responses) a few at a time, skipping
 * URLs fetched before in this page.
 */
export function createPrefetcher(fetchImpl: (url: string) => Promise<unknown> = (url) => fetch(url)): (urls: readonly string[]) => void {
  const done = new Set<string>();
  const queue: string[] = [];
  let active = 0;
  const pump = (): void => {
    while (active < PREFETCH_CONCURRENCY && queue.length > 0) {
      const url = queue.shift() as string;
      active++;
      fetchImpl(url)
        .catch((error: unknown) => {
          done.delete(url);
          console.debug('patchwork: prefetch failed', url, error);
        })
        .finally(() => {
          active--;
          pump();
        });
    }
  };
  return (urls) => {
    for (const url of urls) {
      if (done.has(url)) continue;
      done.add(url);
      queue.push(url);
    }
    pump();
  };
}
