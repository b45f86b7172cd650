// The fold: events and bulk blocks → the columnar label table. Each cell takes the value of its
// event with the greatest (ts, annotator, segment, index, cell) key, so every replica folds the same
// events to the same table whatever order they arrived in. Used whole by foldDoc and incrementally
// by LiveLabelTable.
import { CLASS_FIELD_OFFSET, FIELD_EXCLUDE, FIELD_VALIDATION } from '../schema/fields.ts';
import type { ClassValue } from '../schema/fields.ts';
import { createEmptyLabelTable, type LabelTable } from '../table/label-table.ts';
import { CELL_CODE, readCellCode, type ProjectMeta } from './layout.ts';
import { createCellIndex, sortByCell, type CellIndex, type WideCellIndex } from './cell-index.ts';
import { CODE_VALUE, compareEvents, expandBlock } from './event-order.ts';
import type { DecodedBlock, RejectedEvent, SegmentSink, StoredEvent } from './scan.ts';

/** Incremental fold state: event columns, the winner of each touched cell, blocks and the table. */
export class FoldEngine implements SegmentSink {
  readonly meta: ProjectMeta;
  readonly table: LabelTable;
  readonly asOf: number;
  readonly fieldCount: number;
  /** Valid events folded plus set cells of folded blocks (events with ts > asOf excluded). */
  version = 0;
  /** Greatest timestamp folded. */
  maxTs = 0;
  readonly rejected: RejectedEvent[] = [];
  /** Blocks in ascending key order. */
  readonly blocks: DecodedBlock[] = [];
  /** Rows whose table values changed since the caller last cleared it (only while tracking). */
  changedRows: Set<number> | null = null;
  /** Set when a block arrived after finish(); the caller must refold. */
  needsRefold = false;

  // Event columns (typed, grown by doubling); an event's annotator and id come from its segment.
  #row = new Int32Array(1024);
  #field = new Int32Array(1024);
  #value = new Int8Array(1024);
  #ts = new Float64Array(1024);
  #seg = new Int32Array(1024);
  #index = new Int32Array(1024);
  #dwell = new Int32Array(1024);
  #count = 0;
  readonly #segKeys: string[] = [];
  readonly #segBy: string[] = [];
  readonly #segIds = new Map<string, number>();
  #lastSegKey = '';
  #lastSegId = -1;
  /** Winner of each cell touched after finish() (of every cell when cell ids exceed int32). */
  #recent: CellIndex | WideCellIndex;
  /** Events folded by finish(), sorted by cell (the cold fold sorts instead of hashing). */
  #sorted: { order: Int32Array; keys: Int32Array } | null = null;
  #finished = false;
  /** Events per cell that arrived after finish() (the sorted arrays hold the earlier ones). */
  readonly #late = new Map<number, number[]>();

  readonly #hashOnly: boolean;

  /** `hashOnly` folds through the per-cell hash instead of sorting (always so when cell ids exceed int32). */
  constructor(meta: ProjectMeta, asOf = Infinity, options: { hashOnly?: boolean } = {}) {
    this.meta = meta;
    this.asOf = asOf;
    this.fieldCount = CLASS_FIELD_OFFSET + meta.classes.length;
    this.table = createEmptyLabelTable(meta.imageCount, meta.classes);
    const maxKey = meta.imageCount * this.fieldCount;
    this.#hashOnly = options.hashOnly === true || maxKey >= 0x7fffffff;
    this.#recent = createCellIndex(1024, maxKey);
  }

  /** Number of events held (blocks excluded). */
  get eventCount(): number {
    return this.#count;
  }

  event(segment: string, index: number, row: number, field: number, value: number, ts: number, by: string, dwell: number): void {
    if (ts > this.asOf) return;
    let seg = this.#lastSegId;
    if (segment !== this.#lastSegKey) {
      seg = this.#segIds.get(segment) ?? -1;
      if (seg < 0) {
        seg = this.#segKeys.length;
        this.#segKeys.push(segment);
        this.#segBy.push(by);
        this.#segIds.set(segment, seg);
      }
      this.#lastSegKey = segment;
      this.#lastSegId = seg;
    }
    const i = this.#count;
    if (i === this.#ts.length) this.#grow();
    this.#row[i] = row;
    this.#field[i] = field;
    this.#value[i] = value;
    this.#ts[i] = ts;
    this.#seg[i] = seg;
    this.#index[i] = index;
    this.#dwell[i] = dwell;
    this.#count = i + 1;
    this.version++;
    if (ts > this.maxTs) this.maxTs = ts;
    if (this.#sorted) this.#lateAdd(i);
    if (this.#finished) this.#applyEvent(i);
  }

  /** Sizes the columns and the winner index for about `entries` events. */
  reserve(entries: number): void {
    if (this.#count === 0 && entries > this.#ts.length) this.#grow(entries);
  }

  #grow(size = this.#ts.length * 2): void {
    const grow = <T extends Int32Array | Int8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.#row = grow(this.#row, (n) => new Int32Array(n));
    this.#field = grow(this.#field, (n) => new Int32Array(n));
    this.#value = grow(this.#value, (n) => new Int8Array(n));
    this.#ts = grow(this.#ts, (n) => new Float64Array(n));
    this.#seg = grow(this.#seg, (n) => new Int32Array(n));
    this.#index = grow(this.#index, (n) => new Int32Array(n));
    this.#dwell = grow(this.#dwell, (n) => new Int32Array(n));
  }

  block(block: DecodedBlock): void {
    if (block.ts > this.asOf) return;
    if (this.#finished) {
      this.needsRefold = true;
      return;
    }
    this.blocks.push(block);
    if (block.ts > this.maxTs) this.maxTs = block.ts;
  }

  reject(rejected: RejectedEvent): void {
    this.rejected.push(rejected);
  }

  /** Applies everything collected so far (blocks first, in key order, then events); later events apply as they arrive. */
  finish(): void {
    if (this.#finished) return;
    this.blocks.sort((a, b) => compareEvents(blockKey(a), blockKey(b)));
    for (const block of this.blocks) this.#applyBlock(block);
    const n = this.#count;
    const maxKey = this.meta.imageCount * this.fieldCount;
    if (this.#hashOnly) {
      for (let i = 0; i < n; i++) this.#applyEvent(i);
    } else {
      // Radix-sort the events by cell, take each cell's greatest key, and write the table in row order.
      const sorted = sortByCell(this.#row, this.#field, n, this.fieldCount, maxKey);
      const { order, keys } = sorted;
      for (let k = 0; k < n; ) {
        const cell = keys[k] as number;
        let best = order[k] as number;
        let e = k + 1;
        for (; e < n && keys[e] === cell; e++) if (this.#greater(order[e] as number, best)) best = order[e] as number;
        const row = (cell / this.fieldCount) | 0;
        this.#applyWinner(best, row, cell - row * this.fieldCount);
        k = e;
      }
      this.#sorted = sorted;
    }
    this.#finished = true;
  }

  /** The current winning event of a cell, or -1: cells touched since the fold, then the sorted fold. */
  #currentWinner(cell: number): number {
    const recent = this.#recent.get(cell);
    if (recent >= 0) return recent;
    const sorted = this.#sorted;
    if (!sorted) return -1;
    const { order, keys } = sorted;
    let best = -1;
    for (let k = lowerBound(keys, cell); k < keys.length && keys[k] === cell; k++) {
      const i = order[k] as number;
      if (best < 0 || this.#greater(i, best)) best = i;
    }
    return best;
  }

  /** Events of one cell (blocks included) in key order. */
  history(row: number, field: number): StoredEvent[] {
    const cell = row * this.fieldCount + field;
    const indices: number[] = [];
    const sorted = this.#sorted;
    if (sorted) {
      const { order, keys } = sorted;
      for (let k = lowerBound(keys, cell); k < keys.length && keys[k] === cell; k++) indices.push(order[k] as number);
      indices.push(...(this.#late.get(cell) ?? []));
    } else {
      for (let i = 0; i < this.#count; i++) if (this.#row[i] === row && this.#field[i] === field) indices.push(i);
    }
    const out = indices.map((i) => this.storedEvent(i));
    for (const block of this.blocks) {
      if (row >= block.r0 && row < block.r0 + block.n && block.fields.includes(field)) out.push(...expandBlock(block, { row, field }));
    }
    return out.sort(compareEvents);
  }


  /** Every event (block cells expanded) in key order. */
  allEvents(): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < this.#count; i++) out.push(this.storedEvent(i));
    for (const block of this.blocks) for (const e of expandBlock(block)) out.push(e);
    return out.sort(compareEvents);
  }

  /** Event i as a record. */
  storedEvent(i: number): StoredEvent {
    return {
      row: this.#row[i] as number, field: this.#field[i] as number, value: this.#value[i] as ClassValue,
      ts: this.#ts[i] as number, by: this.#segBy[this.#seg[i] as number] as string, dwell: this.#dwell[i] as number,
      segment: this.#segKeys[this.#seg[i] as number] as string, index: this.#index[i] as number, cell: 0,
    };
  }

  #lateAdd(i: number): void {
    const cell = (this.#row[i] as number) * this.fieldCount + (this.#field[i] as number);
    const list = this.#late.get(cell);
    if (list) list.push(i);
    else this.#late.set(cell, [i]);
  }


  /** True when event i orders after event j. */
  #greater(i: number, j: number): boolean {
    const ti = this.#ts[i] as number, tj = this.#ts[j] as number;
    if (ti !== tj) return ti > tj;
    const gi = this.#seg[i] as number, gj = this.#seg[j] as number;
    if (gi !== gj) {
      const bi = this.#segBy[gi] as string, bj = this.#segBy[gj] as string;
      if (bi !== bj) return bi > bj;
      return (this.#segKeys[gi] as string) > (this.#segKeys[gj] as string);
    }
    return (this.#index[i] as number) > (this.#index[j] as number);
  }

  /** True when block b orders after event i. */
  #blockAfter(b: DecodedBlock, i: number): boolean {
    const ti = this.#ts[i] as number;
    if (b.ts !== ti) return b.ts > ti;
    const g = this.#seg[i] as number;
    const bi = this.#segBy[g] as string;
    if (b.by !== bi) return b.by > bi;
    const si = this.#segKeys[g] as string;
    if (b.segment !== si) return b.segment > si;
    return b.index > (this.#index[i] as number);
  }

  #applyEvent(i: number): void {
    const row = this.#row[i] as number;
    const field = this.#field[i] as number;
    const cell = row * this.fieldCount + field;
    const w = this.#currentWinner(cell);
    if (w >= 0 && !this.#greater(i, w)) return;
    this.#recent.set(cell, i);
    this.#applyWinner(i, row, field);
  }

  /** Writes event i (now its cell's greatest event) to the table unless a later block covers the cell. */
  #applyWinner(i: number, row: number, field: number): void {
    for (let b = this.blocks.length - 1; b >= 0; b--) {
      const block = this.blocks[b] as DecodedBlock;
      if (!this.#blockAfter(block, i)) break;
      if (row < block.r0 || row >= block.r0 + block.n) continue;
      const j = block.fields.indexOf(field);
      if (j >= 0 && readCellCode(block.d, (row - block.r0) * block.fields.length + j) !== CELL_CODE.unset) return;
    }
    this.#set(row, field, this.#value[i] as ClassValue);
  }

  #applyBlock(block: DecodedBlock): void {
    const k = block.fields.length;
    const d = block.d;
    for (let j = 0; j < k; j++) {
      const field = block.fields[j] as number;
      const column = this.#column(field);
      for (let r = 0; r < block.n; r++) {
        const c = r * k + j;
        const code = ((d[c >> 2] as number) >> ((c & 3) * 2)) & 3;
        if (code === 0) continue;
        column[block.r0 + r] = CODE_VALUE[code] as number;
        this.version++;
      }
    }
  }

  #column(field: number): Int8Array | Uint8Array {
    if (field === FIELD_EXCLUDE) return this.table.exclude;
    if (field === FIELD_VALIDATION) return this.table.validation;
    return this.table.labels[field - CLASS_FIELD_OFFSET] as Int8Array;
  }

  #set(row: number, field: number, value: ClassValue): void {
    const column = this.#column(field);
    if (column[row] === value) return;
    column[row] = value;
    this.changedRows?.add(row);
  }
}

/** First position in sorted `keys` whose key is ≥ `key`. */
function lowerBound(keys: Int32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function blockKey(b: DecodedBlock): StoredEvent {
  return { row: 0, field: 0, value: -1, ts: b.ts, by: b.by, dwell: 0, segment: b.segment, index: b.index, cell: 0 };
}
