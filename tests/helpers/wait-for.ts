// Condition-based waiting for tests: poll a predicate (or a throwing assertion) until it holds,
// instead of sleeping a fixed time. Fails with the last error and the elapsed time.

/** Polls `check` until it returns a truthy value (or stops throwing); rejects after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 10, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const start = performance.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    const elapsed = performance.now() - start;
    if (elapsed > timeoutMs) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`waitFor(${what}) timed out after ${Math.round(elapsed)} ms${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves with the first emission of `event` on an EventEmitter-like or EventTarget-like object. */
export function eventPromise<T = unknown>(
  target: { once?: (event: string, cb: (value: T) => void) => unknown; addEventListener?: (event: string, cb: (value: T) => void, opts?: { once: boolean }) => void },
  event: string,
): Promise<T> {
  return new Promise((resolve) => {
    if (target.once) target.once(event, resolve);
    else target.addEventListener?.(event, resolve, { once: true });
  });
}
