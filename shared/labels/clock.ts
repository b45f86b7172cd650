// Hybrid logical clock: millisecond timestamps that follow the physical clock but never go
// backwards and never repeat for one writer, and that move past any remote timestamp observed.
// The physical clock is injected so shared/ stays free of I/O.

/**
 * Hybrid logical clock for label events.
 * @example
 * const clock = new HybridClock(() => Date.now());
 * const ts = clock.tick();
 */
export class HybridClock {
  #last = 0;
  readonly #physicalNow: () => number;

  /** @param physicalNow returns the wall clock in ms since the Unix epoch */
  constructor(physicalNow: () => number) {
    this.#physicalNow = physicalNow;
  }

  /** A new timestamp, strictly greater than every earlier tick and every observed timestamp. */
  tick(): number {
    const now = Math.floor(this.#physicalNow());
    this.#last = Number.isFinite(now) && now > this.#last ? now : this.#last + 1;
    return this.#last;
  }

  /** Records a remote timestamp so later ticks order after it. Non-finite values are ignored. */
  observe(ts: number): void {
    if (Number.isFinite(ts) && ts > this.#last) this.#last = Math.floor(ts);
  }

  /** The last timestamp issued or observed (0 before any). */
  get last(): number {
    return this.#last;
  }
}
