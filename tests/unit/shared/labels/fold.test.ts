// Fold semantics of the labels document: the winner key, order independence, as-of, undo, class
// growth, bulk blocks and the conflicts view. Rule ids refer to shared/SPEC.md.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendClasses, findConflicts, foldDoc, readCellHistory, readEvents, undoEdit, type StoredEvent,
} from '../../../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { classField, FIELD_EXCLUDE, FIELD_VALIDATION } from '../../../../shared/schema/fields.ts';
import { createLabelsDoc, createManualClock, createWriter, replicaOf, snapshotTable, syncAll } from '../../../helpers/labels-doc.ts';

const CAT = classField(0);
const DOG = classField(1);

describe('winner key', () => {
  it('[F1] a later timestamp wins on one cell, whichever order the replicas receive the edits', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 1);
    const b = replicaOf(base, 2);
    const clock = createManualClock();
    const wa = createWriter(a, 'alice', clock);
    const wb = createWriter(b, 'bob', clock);
    wa.append([{ row: 4, field: CAT, value: 1 }]);
    clock.now += 5;
    wb.append([{ row: 4, field: CAT, value: 0 }]);
    const ua = Y.encodeStateAsUpdate(a);
    const ub = Y.encodeStateAsUpdate(b);
    const ab = new Y.Doc();
    Y.applyUpdate(ab, ua);
    Y.applyUpdate(ab, ub);
    const ba = new Y.Doc();
    Y.applyUpdate(ba, ub);
    Y.applyUpdate(ba, ua);
    expect(foldDoc(ab).table.labels[0]?.[4]).toBe(0);
    expect(snapshotTable(foldDoc(ba).table)).toEqual(snapshotTable(foldDoc(ab).table));
    expect(readEvents(ab).events).toEqual(readEvents(ba).events);
  });

  it('[F1] equal timestamps are decided by annotator name, then position', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 10);
    const b = replicaOf(base, 20);
    const clock = createManualClock();
    createWriter(a, 'zoe', clock).append([{ row: 1, field: DOG, value: 1 }]);
    createWriter(b, 'adam', clock).append([{ row: 1, field: DOG, value: 0 }]);
    syncAll(a, b);
    expect(foldDoc(a).table.labels[1]?.[1]).toBe(1);
    expect(foldDoc(b).table.labels[1]?.[1]).toBe(1);
    // Same annotator and timestamp in two browsers: the greater segment id wins.
    const c = replicaOf(base, 3);
    const d = replicaOf(base, 4);
    createWriter(c, 'amy', clock).append([{ row: 2, field: CAT, value: 1 }]);
    createWriter(d, 'amy', clock).append([{ row: 2, field: CAT, value: 0 }]);
    syncAll(c, d);
    expect(foldDoc(c).table.labels[0]?.[2]).toBe(0);
    expect(foldDoc(d).table.labels[0]?.[2]).toBe(0);
  });

  it('[F1] a late-arriving offline edit with an older timestamp does not override a newer one', () => {
    const base = createLabelsDoc();
    const online = replicaOf(base, 1);
    const offline = replicaOf(base, 2);
    const clock = createManualClock();
    const wOff = createWriter(offline, 'olga', clock);
    wOff.append([{ row: 7, field: CAT, value: 0 }, { row: 8, field: CAT, value: 0 }]);
    clock.now += 60_000;
    createWriter(online, 'nina', clock).append([{ row: 7, field: CAT, value: 1 }]);
    syncAll(online, offline);
    const { table } = foldDoc(online);
    expect(table.labels[0]?.[7]).toBe(1); // newer online edit kept
    expect(table.labels[0]?.[8]).toBe(0); // offline edit on an untouched cell applied
    expect(snapshotTable(foldDoc(offline).table)).toEqual(snapshotTable(table));
  });

  it('[F1] flags fold like classes', () => {
    const doc = createLabelsDoc();
    const clock = createManualClock();
    const w = createWriter(doc, 'alice', clock);
    w.append([{ row: 0, field: FIELD_EXCLUDE, value: 1 }, { row: 1, field: FIELD_VALIDATION, value: 1 }]);
    clock.now++;
    w.append([{ row: 0, field: FIELD_EXCLUDE, value: 0 }]);
    const { table, version } = foldDoc(doc);
    expect(Array.from(table.exclude.slice(0, 2))).toEqual([0, 0]);
    expect(Array.from(table.validation.slice(0, 2))).toEqual([0, 1]);
    expect(version).toBe(3);
  });
});

describe('as of', () => {
  it('[F2] folds only events with ts ≤ asOf', () => {
    const doc = createLabelsDoc();
    const clock = createManualClock(1000);
    const w = createWriter(doc, 'alice', clock);
    w.append([{ row: 3, field: CAT, value: 1 }]);
    clock.now = 2000;
    w.append([{ row: 3, field: CAT, value: 0 }, { row: 4, field: DOG, value: 1 }]);
    expect(foldDoc(doc, { asOf: 999 }).table.labels[0]?.[3]).toBe(-1);
    const mid = foldDoc(doc, { asOf: 1500 });
    expect(mid.table.labels[0]?.[3]).toBe(1);
    expect(mid.table.labels[1]?.[4]).toBe(-1);
    expect(mid.version).toBe(1);
    expect(foldDoc(doc, { asOf: 2000 }).table.labels[0]?.[3]).toBe(0);
    expect(readEvents(doc, { asOf: 1500 }).events).toHaveLength(1);
  });
});

describe('undo', () => {
  it('[F5] undo appends a new event restoring the previous value; undo of undo restores the undone value', () => {
    const doc = createLabelsDoc();
    const clock = createManualClock();
    const w = createWriter(doc, 'alice', clock);
    const [first] = w.append([{ row: 5, field: CAT, value: 0 }]);
    const [second] = w.append([{ row: 5, field: CAT, value: 1 }]);
    expect(foldDoc(doc).table.labels[0]?.[5]).toBe(1);
    const undo = undoEdit(w, second as StoredEvent);
    expect(undo.value).toBe(0);
    expect(foldDoc(doc).table.labels[0]?.[5]).toBe(0);
    const redo = undoEdit(w, undo);
    expect(redo.value).toBe(1);
    expect(foldDoc(doc).table.labels[0]?.[5]).toBe(1);
    const undoFirst = undoEdit(w, first as StoredEvent);
    expect(undoFirst.value).toBe(-1);
    expect(readCellHistory(doc, 5, CAT).map((e) => e.value)).toEqual([0, 1, 0, 1, -1]);
    expect(readEvents(doc).events).toHaveLength(5); // nothing deleted or rewritten
  });

  it('[F5] undo of a flag restores false; an unknown target is an error', () => {
    const doc = createLabelsDoc();
    const w = createWriter(doc, 'alice', createManualClock());
    const [ex] = w.append([{ row: 2, field: FIELD_EXCLUDE, value: 1 }]);
    expect(undoEdit(w, ex as StoredEvent).value).toBe(0);
    expect(() => undoEdit(w, { row: 2, field: FIELD_EXCLUDE, segment: 'nope', index: 1, cell: 0 })).toThrow(/not in the history/);
  });
});

describe('classes added later', () => {
  it('[F4] a new class adds a column; old events keep their meaning', () => {
    const doc = createLabelsDoc();
    const clock = createManualClock();
    const w = createWriter(doc, 'alice', clock);
    w.append([{ row: 1, field: DOG, value: 1 }]);
    appendClasses(doc, ['bird']);
    w.append([{ row: 1, field: classField(2), value: 0 }]);
    const { table, rejected } = foldDoc(doc);
    expect(rejected).toEqual([]);
    expect(table.classes).toEqual(['cat', 'dog', 'bird']);
    expect(table.labels[1]?.[1]).toBe(1);
    expect(table.labels[2]?.[1]).toBe(0);
    expect(() => appendClasses(doc, ['validation'])).toThrow(/reserved/);
    expect(appendClasses(doc, ['bird'])).toEqual(['cat', 'dog', 'bird']);
  });

  it('[F4] concurrent class additions on two replicas keep each event on its own class', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 100);
    const b = replicaOf(base, 200);
    const clock = createManualClock();
    appendClasses(a, ['bird']);
    createWriter(a, 'alice', clock).append([{ row: 3, field: classField(2), value: 1 }]);
    appendClasses(b, ['fish']);
    createWriter(b, 'bob', clock).append([{ row: 4, field: classField(2), value: 0 }]);
    syncAll(a, b);
    const { table, rejected } = foldDoc(a);
    expect(rejected).toEqual([]);
    const bird = table.classes.indexOf('bird');
    const fish = table.classes.indexOf('fish');
    expect(table.labels[bird]?.[3]).toBe(1);
    expect(table.labels[fish]?.[4]).toBe(0);
    expect(table.labels[bird]?.[4]).toBe(-1);
    expect(snapshotTable(foldDoc(b).table)).toEqual(snapshotTable(table));
  });

  it('[F4] an event for a class this replica has not seen yet is rejected, then folds once the class arrives', () => {
    const base = createLabelsDoc();
    const owner = replicaOf(base, 1);
    appendClasses(owner, ['bird']);
    const annotator = replicaOf(owner, 2);
    createWriter(annotator, 'alice', createManualClock()).append([{ row: 0, field: classField(2), value: 1 }]);
    const reader = replicaOf(base, 3);
    // Only the annotator's own structs: the segment arrives before the owner's class addition.
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(annotator, Y.encodeStateVector(owner)));
    const early = foldDoc(reader);
    expect(early.rejected).toHaveLength(1);
    expect(early.rejected[0]?.reason).toMatch(/class "bird".*not in the project's classes/);
    expect(early.table.classes).toEqual(['cat', 'dog']);
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(owner));
    const late = foldDoc(reader);
    expect(late.rejected).toEqual([]);
    expect(late.table.labels[2]?.[0]).toBe(1);
  });
});

describe('bulk blocks', () => {
  it('[F7] an imported table folds like events and later single events override it', () => {
    const doc = createLabelsDoc();
    const clock = createManualClock();
    const w = createWriter(doc, 'importer', clock);
    const imported = createEmptyLabelTable(20, ['dog', 'cat']);
    imported.labels[0]?.set([1, 0, 1], 0); // dog rows 0..2
    imported.labels[1]?.set([0, 0, -1, 1], 0); // cat rows 0..3
    imported.exclude[5] = 1;
    imported.validation[6] = 1;
    expect(w.importTable(imported)).toBe(3 + 3 + 2);
    const { table, version } = foldDoc(doc);
    expect(version).toBe(8);
    expect(Array.from(table.labels[1]?.slice(0, 4) ?? [])).toEqual([1, 0, 1, -1]);
    expect(Array.from(table.labels[0]?.slice(0, 4) ?? [])).toEqual([0, 0, -1, 1]);
    expect(table.exclude[5]).toBe(1);
    expect(table.validation[6]).toBe(1);
    clock.now += 1;
    createWriter(doc, 'bob', clock).append([{ row: 0, field: DOG, value: 0 }, { row: 3, field: CAT, value: -1 }]);
    const after = foldDoc(doc).table;
    expect(after.labels[1]?.[0]).toBe(0);
    expect(after.labels[0]?.[3]).toBe(-1);
    expect(after.labels[0]?.[0]).toBe(0);
    const history = readCellHistory(doc, 0, DOG);
    expect(history.map((e) => [e.by, e.value])).toEqual([['importer', 1], ['bob', 0]]);
    expect(history[0]?.cell).toBeGreaterThanOrEqual(0);
  });

  it('[F7] a newer block overrides older single events, an older block does not', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 1);
    const b = replicaOf(base, 2);
    const clock = createManualClock(5000);
    createWriter(a, 'alice', clock).append([{ row: 0, field: CAT, value: 0 }, { row: 1, field: CAT, value: 0 }]);
    const oldBlock = createEmptyLabelTable(20, ['cat']);
    oldBlock.labels[0]?.fill(1);
    const clockOld = createManualClock(4000);
    createWriter(b, 'importer', clockOld).importTable(oldBlock);
    syncAll(a, b);
    const t1 = foldDoc(a).table;
    expect(t1.labels[0]?.[0]).toBe(0);
    expect(t1.labels[0]?.[5]).toBe(1);
    const clockNew = createManualClock(6000);
    createWriter(b, 'importer', clockNew).importTable(oldBlock);
    syncAll(a, b);
    expect(foldDoc(a).table.labels[0]?.[0]).toBe(1);
    expect(snapshotTable(foldDoc(b).table)).toEqual(snapshotTable(foldDoc(a).table));
  });
});

describe('conflicts', () => {
  it('[F8] reports cells where different annotators set different values within the window', () => {
    const base = createLabelsDoc();
    const a = replicaOf(base, 1);
    const b = replicaOf(base, 2);
    const clock = createManualClock(10_000);
    const wa = createWriter(a, 'alice', clock);
    const wb = createWriter(b, 'bob', clock);
    wa.append([{ row: 1, field: CAT, value: 1 }, { row: 2, field: CAT, value: 1 }, { row: 3, field: CAT, value: 1 }]);
    clock.now += 500;
    wb.append([{ row: 1, field: CAT, value: 0 }, { row: 2, field: CAT, value: 1 }]);
    clock.now += 60_000;
    wb.append([{ row: 3, field: CAT, value: 0 }]);
    syncAll(a, b);
    const conflicts = findConflicts(readEvents(a).events, 1000);
    expect(conflicts.map((c) => [c.row, c.field, c.events.map((e) => e.by), c.winner.by])).toEqual([[1, CAT, ['alice', 'bob'], 'bob']]);
    expect(findConflicts(readEvents(a).events, 120_000).map((c) => c.row)).toEqual([1, 3]);
  });
});
