// Bounded selection of the k best (key, row) pairs without sorting everything: a fixed-size
// min-heap in two typed arrays, so scanning N rows allocates nothing per row.

/**
 * Keeps the `capacity` largest keys seen. Among equal keys the smaller row wins (the first one
 * met, when rows are offered in ascending order), matching a stable sort's first-occurrence order.
 */
export class TopK {
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** Number of pairs held (at most capacity). */
  get size(): number {
    return this.count;
  }

  /** True when a is worse than b: a smaller key, or an equal key with a larger row. */
  private worse(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && (this.rows[a] as number) > (this.rows[b] as number));
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a] as number;
    this.keys[a] = this.keys[b] as number;
    this.keys[b] = k;
    const r = this.rows[a] as number;
    this.rows[a] = this.rows[b] as number;
    this.rows[b] = r;
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) return;
      const r = l + 1;
      const child = r < this.count && this.worse(r, l) ? r : l;
      if (!this.worse(child, i)) return;
      this.swap(child, i);
      i = child;
    }
  }

  /** The smallest key held (the one the next better pair would evict); -Infinity when empty. */
  get worstKey(): number {
    return this.count === 0 ? Number.NEGATIVE_INFINITY : (this.keys[0] as number);
  }

  /** Replaces the worst pair unconditionally (the heap must be full and non-empty). */
  replaceWorst(key: number, row: number): void {
    this.keys[0] = key;
    this.rows[0] = row;
    this.siftDown(0);
  }

  /** Offers one pair; NaN keys must not be offered. */
  offer(key: number, row: number): void {
    if (this.count < this.capacity) {
      let i = this.count++;
      this.keys[i] = key;
      this.rows[i] = row;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (this.capacity === 0) return;
    const rootKey = this.keys[0] as number;
    if (key < rootKey || (key === rootKey && row > (this.rows[0] as number))) return;
    this.keys[0] = key;
    this.rows[0] = row;
    this.siftDown(0);
  }

  /** The held rows, best first (key descending, then row ascending). Empties the heap. */
  drain(): number[] {
    const out = new Array<number>(this.count);
    while (this.count > 0) {
      out[this.count - 1] = this.rows[0] as number;
      this.count--;
      this.swap(0, this.count);
      this.siftDown(0);
    }
    return out;
  }
}
