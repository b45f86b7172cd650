// Open-addressing hash map from a cell id (row * fieldCount + field, a non-negative int32) to an
// event index, on typed arrays: the fold does one lookup per event, and a JS Map costs several
// times more per operation and in garbage at a million events.

const EMPTY = -1;

/** Cell id → event index. */
export class CellIndex {
  #keys: Int32Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.#keys = new Int32Array(capacity).fill(EMPTY);
    this.#values = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  /** Number of cells held. */
  get size(): number {
    return this.#size;
  }

  #slot(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.#mask;
    const keys = this.#keys;
    for (;;) {
      const k = keys[slot] as number;
      if (k === key || k === EMPTY) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** The event index stored for `key`, or -1. */
  get(key: number): number {
    const slot = this.#slot(key);
    return this.#keys[slot] === key ? (this.#values[slot] as number) : -1;
  }

  /** Stores `value` for `key`. */
  set(key: number, value: number): void {
    let slot = this.#slot(key);
    if (this.#keys[slot] !== key) {
      if ((this.#size + 1) * 2 > this.#keys.length) {
        this.#resize();
        slot = this.#slot(key);
      }
      this.#keys[slot] = key;
      this.#size++;
    }
    this.#values[slot] = value;
  }

  #resize(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Int32Array(keys.length * 2).fill(EMPTY);
    this.#values = new Int32Array(keys.length * 2);
    this.#mask = keys.length * 2 - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === EMPTY) continue;
      const slot = this.#slot(key);
      this.#keys[slot] = key;
      this.#values[slot] = values[i] as number;
    }
  }
}

/** Cell id → event index for cell ids beyond int32 (very large projects); same interface, on a Map. */
export class WideCellIndex {
  readonly #map = new Map<number, number>();

  get size(): number {
    return this.#map.size;
  }

  get(key: number): number {
    return this.#map.get(key) ?? -1;
  }

  set(key: number, value: number): void {
    this.#map.set(key, value);
  }
}

/** The index to use when cell ids run up to `maxKey`. */
export function createCellIndex(expected: number, maxKey: number): CellIndex | WideCellIndex {
  return maxKey < 0x7fffffff ? new CellIndex(expected) : new WideCellIndex();
}

/** Event indices 0..n-1 stably sorted by cell id (row * fieldCount + field ≤ maxKey < 2^31): LSD radix, 12-bit digits. */
export function sortByCell(rows: Int32Array, fields: Int32Array, n: number, fieldCount: number, maxKey: number): { order: Int32Array; keys: Int32Array } {
  let keys = new Int32Array(n);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = (rows[i] as number) * fieldCount + (fields[i] as number);
    order[i] = i;
  }
  let keysTmp = new Int32Array(n);
  let orderTmp = new Int32Array(n);
  const counts = new Int32Array(4096);
  for (let shift = 0; shift < 32 && (shift === 0 || maxKey >>> shift > 0); shift += 12) {
    counts.fill(0);
    for (let i = 0; i < n; i++) (counts[((keys[i] as number) >>> shift) & 4095] as number)++;
    let sum = 0;
    for (let d = 0; d < 4096; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = keys[i] as number;
      const d = (key >>> shift) & 4095;
      const at = counts[d] as number;
      counts[d] = at + 1;
      keysTmp[at] = key;
      orderTmp[at] = order[i] as number;
    }
    [keys, keysTmp] = [keysTmp, keys];
    [order, orderTmp] = [orderTmp, order];
  }
  return { order, keys };
}
