// Per-connection token bucket: a connection may send `messagesPerSecond` on average with bursts of
// `burst` messages; exceeding it closes the connection (RATE_LIMITED) rather than queueing.

/** Limits of one connection. */
export interface RateLimitOptions {
  messagesPerSecond: number;
  burst: number;
}

/** Default per-connection limits: far above a person's or a trainer's pace. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { messagesPerSecond: 500, burst: 2000 };

/** A token bucket; `take()` is false when the connection is over its limit. */
export interface RateLimiter {
  take(): boolean;
}

/** Creates a token bucket with the given limits; `now` in ms. */
export function createRateLimiter(options: RateLimitOptions, now: () => number = () => performance.now()): RateLimiter {
  let tokens = options.burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(options.burst, tokens + ((t - last) / 1000) * options.messagesPerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
