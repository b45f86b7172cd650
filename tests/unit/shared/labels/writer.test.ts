// The event writer, the hybrid clock and the metadata map: segment ownership and rollover, one
// transaction per append with the caller's origin, compact bulk blocks. Rule ids: shared/SPEC.md.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  EventWriter, HybridClock, MAX_BLOCK_BYTES, SEGMENT_MAX_ENTRIES, appendClasses, foldDoc, getSegmentsMap, initLabelsDoc,
  parseSegmentKey, readEvents, readMeta, validateSegmentEntry, validateSegmentHeader, segmentContext, normaliseHeader,
} from '../../../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { classField } from '../../../../shared/schema/fields.ts';
import { TEST_PROJECT, createLabelsDoc, createManualClock, createWriter, replicaOf, tableDifference } from '../../../helpers/labels-doc.ts';

const CAT = classField(0);

function segmentSizes(doc: Y.Doc): Record<string, number> {
  const out: Record<string, number> = {};
  getSegmentsMap(doc).forEach((value, key) => {
    out[key] = (value as Y.Array<unknown>).length;
  });
  return out;
}

describe('hybrid clock', () => {
  it('[C1] never goes backwards or repeats, and orders after observed timestamps', () => {
    let now = 1000;
    const clock = new HybridClock(() => now);
    expect(clock.tick()).toBe(1000);
    expect(clock.tick()).toBe(1001);
    now = 500;
    expect(clock.tick()).toBe(1002);
    clock.observe(5000);
    expect(clock.tick()).toBe(5001);
    clock.observe(Number.NaN);
    now = 9000.7;
    expect(clock.tick()).toBe(9000);
    expect(clock.last).toBe(9000);
  });
});

describe('metadata', () => {
  it('[L1] initLabelsDoc writes meta once; readMeta returns it; bad input throws', () => {
    const doc = createLabelsDoc();
    expect(readMeta(doc)).toEqual({ ...TEST_PROJECT, schema: 1 });
    expect(() => initLabelsDoc(doc, TEST_PROJECT)).toThrow(/already initialised/);
    expect(readMeta(new Y.Doc())).toBeNull();
    expect(() => initLabelsDoc(new Y.Doc(), { ...TEST_PROJECT, classes: ['a', 'a'] })).toThrow(/twice/);
    expect(() => initLabelsDoc(new Y.Doc(), { ...TEST_PROJECT, classes: ['exclude'] })).toThrow(/reserved/);
    expect(() => initLabelsDoc(new Y.Doc(), { ...TEST_PROJECT, imageCount: -1 })).toThrow(/image count/);
  });

  it('[F4] concurrent additions of the same class collapse to one', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 1);
    const b = replicaOf(base, 2);
    appendClasses(a, ['bird']);
    appendClasses(b, ['bird', 'fish']);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMeta(a)?.classes).toEqual(readMeta(b)?.classes);
    expect(new Set(readMeta(a)?.classes).size).toBe(4);
  });
});

describe('event writer', () => {
  it('[L2] one transaction per append, with the caller origin', () => {
    const doc = createLabelsDoc();
    const writer = createWriter(doc, 'alice', createManualClock());
    const origins: unknown[] = [];
    doc.on('afterTransaction', (t) => origins.push(t.origin));
    const origin = { source: 'ui' };
    const events = writer.append([{ row: 1, field: CAT, value: 1, dwell: 1234.4 }, { row: 2, field: 0, value: 1 }], origin);
    expect(origins).toEqual([origin]);
    expect(events.map((e) => [e.row, e.field, e.value, e.dwell, e.by, e.index])).toEqual([[1, CAT, 1, 1234, 'alice', 1], [2, 0, 1, 0, 'alice', 2]]);
    expect(events[0]?.ts).toBe(events[1]?.ts);
    expect(readEvents(doc).events).toEqual(events);
    expect(writer.append([])).toEqual([]);
    expect(origins).toHaveLength(1);
  });

  it('[L2] rejects invalid edits before writing anything', () => {
    const doc = createLabelsDoc();
    const writer = createWriter(doc, 'alice', createManualClock());
    expect(() => writer.append([{ row: 1, field: CAT, value: 1 }, { row: 20, field: CAT, value: 1 }])).toThrow(/row 20/);
    expect(() => writer.append([{ row: 1, field: 4, value: 1 }])).toThrow(/field 4/);
    expect(() => writer.append([{ row: 1, field: 0, value: -1 }])).toThrow(/not valid/);
    expect(getSegmentsMap(doc).size).toBe(0);
    expect(() => createWriter(new Y.Doc(), 'a', createManualClock()).append([{ row: 0, field: 0, value: 1 }])).toThrow(/not initialised/);
  });

  it('[L2] starts a new segment when the current one is full, also within one append', () => {
    const doc = createLabelsDoc();
    const writer = createWriter(doc, 'alice', createManualClock());
    for (let i = 0; i < SEGMENT_MAX_ENTRIES - 2; i++) writer.append([{ row: i % 20, field: CAT, value: 1 }]);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (t) => origins.push(t.origin));
    writer.append(Array.from({ length: 5 }, (_, i) => ({ row: i, field: CAT, value: 0 as const })), 'batch');
    expect(origins).toEqual(['batch']);
    const key = (seq: number): string => `${doc.clientID}-${seq}`;
    expect(segmentSizes(doc)).toEqual({ [key(0)]: SEGMENT_MAX_ENTRIES + 1, [key(1)]: 1 + 3 });
    expect(foldDoc(doc).version).toBe(SEGMENT_MAX_ENTRIES + 3);
  });

  it('[L2] never writes into another writer\u2019s segment; a reopened document starts a new one', () => {
    const doc = createLabelsDoc({}, 42);
    const clock = createManualClock();
    const alice = createWriter(doc, 'alice', clock);
    const bob = createWriter(doc, 'bob', clock);
    alice.append([{ row: 0, field: CAT, value: 1 }]);
    bob.append([{ row: 1, field: CAT, value: 1 }]);
    alice.append([{ row: 2, field: CAT, value: 1 }]);
    expect(alice.segmentKey).toBe('42-0');
    expect(bob.segmentKey).toBe('42-1');
    const reopened = replicaOf(doc, 43);
    const again = createWriter(reopened, 'alice', clock);
    again.append([{ row: 3, field: CAT, value: 1 }]);
    expect(again.segmentKey).toBe('43-0');
    // Yjs changes a doc's clientID when it detects a clash; the writer follows.
    reopened.clientID = 44;
    again.append([{ row: 4, field: CAT, value: 1 }]);
    expect(again.segmentKey).toBe('44-0');
    expect(segmentSizes(reopened)).toEqual({ '42-0': 3, '42-1': 2, '43-0': 2, '44-0': 2 });
    getSegmentsMap(reopened).forEach((value, key) => {
      const header = (value as Y.Array<unknown>).get(0) as { by: string; client: number };
      expect(header.client).toBe(parseSegmentKey(key)?.client);
      expect(validateSegmentHeader(header, header.by, key)).toBeNull();
    });
  });

  it('[L2] a class added to the project opens a new segment whose header lists it', () => {
    const doc = createLabelsDoc({}, 5);
    const writer = createWriter(doc, 'alice', createManualClock());
    writer.append([{ row: 0, field: CAT, value: 1 }]);
    appendClasses(doc, ['bird']);
    writer.append([{ row: 0, field: classField(2), value: 1 }]);
    expect(writer.segmentKey).toBe('5-1');
    const header = (getSegmentsMap(doc).get('5-1') as Y.Array<unknown>).get(0) as { classes: string[] };
    expect(header.classes).toEqual(['cat', 'dog', 'bird']);
  });

  it('[L3] encodes an event in at most 40 bytes', () => {
    const doc = createLabelsDoc({ imageCount: 600_000 });
    const clock = createManualClock();
    const writer = createWriter(doc, 'annotator-with-a-long-name', clock);
    const before = Y.encodeStateAsUpdate(doc).length;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      clock.now += 1700;
      writer.append([{ row: (i * 7919) % 600_000, field: classField(i % 2), value: (i % 2) as 0 | 1, dwell: 1500 + (i % 4000) }]);
    }
    const perEvent = (Y.encodeStateAsUpdate(doc).length - before) / n;
    expect(perEvent).toBeLessThanOrEqual(40);
    expect(perEvent).toBeGreaterThan(5);
  });
});

describe('bulk import', () => {
  it('[L4] splits a large table into valid blocks of at most MAX_BLOCK_BYTES, one transaction each', () => {
    const rows = 400_000;
    const classes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const doc = createLabelsDoc({ imageCount: rows, classes });
    const table = createEmptyLabelTable(rows, classes);
    for (let c = 0; c < classes.length; c++) {
      const column = table.labels[c] as Int8Array;
      for (let r = 0; r < rows; r++) column[r] = ((r * 31 + c * 7) % 3) - 1;
    }
    for (let r = 0; r < rows; r += 97) table.exclude[r] = 1;
    const origins: unknown[] = [];
    doc.on('afterTransaction', (t) => origins.push(t.origin));
    const writer = createWriter(doc, 'importer', createManualClock());
    const written = writer.importTable(table, 'import');
    let expected = Math.ceil(rows / 97);
    for (const column of table.labels) for (const v of column) if (v !== -1) expected++;
    expect(written).toBe(expected);
    const segment = getSegmentsMap(doc).get(writer.segmentKey ?? '') as Y.Array<unknown>;
    const [rawHeader, ...blocks] = segment.toArray();
    const ctx = segmentContext(normaliseHeader(rawHeader), { imageCount: rows });
    expect(blocks.length).toBe(Math.ceil((rows * 11) / 4 / MAX_BLOCK_BYTES));
    expect(origins).toEqual(blocks.map(() => 'import'));
    for (const block of blocks) {
      expect(validateSegmentEntry(block, ctx)).toBeNull();
      expect((block as { d: Uint8Array }).d.length).toBeLessThanOrEqual(MAX_BLOCK_BYTES);
    }
    const folded = foldDoc(replicaOf(doc));
    expect(folded.version).toBe(written);
    expect(tableDifference(folded.table, table)).toBeNull();
    expect(Y.encodeStateAsUpdate(doc).length).toBeLessThan((rows * 11) / 4 + 10_000);
  });

  it('[L4] unknown classes and wrong row counts are refused; an all-default table writes nothing', () => {
    const doc = createLabelsDoc();
    const writer = createWriter(doc, 'importer', createManualClock());
    expect(() => writer.importTable(createEmptyLabelTable(19, ['cat']))).toThrow(/19 rows/);
    expect(() => writer.importTable(createEmptyLabelTable(20, ['cow']))).toThrow(/"cow"/);
    expect(writer.importTable(createEmptyLabelTable(20, ['cat']))).toBe(0);
    expect(writer.importTable(createEmptyLabelTable(20, ['cat']), undefined, { includeDefaults: true })).toBe(60);
    expect(foldDoc(doc).table.labels[0]?.[0]).toBe(-1);
    expect(readEvents(doc).events).toHaveLength(60);
  });
});

describe('writer sanity', () => {
  it('EventWriter refuses an empty annotator name', () => {
    expect(() => new EventWriter(new Y.Doc(), '', new HybridClock(() => 0))).toThrow(/empty/);
  });
});
