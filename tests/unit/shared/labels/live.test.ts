// LiveLabelTable: the incremental fold equals a full fold after random updates, notifies changed
// rows, falls back to a full refold on anything but an append, and stops on dispose. Rule ids: shared/SPEC.md.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  HybridClock, LiveLabelTable, appendClasses, foldDoc, getSegmentsMap, readCellHistory, type LiveChange,
} from '../../../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { classField } from '../../../../shared/schema/fields.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { createLabelsDoc, createManualClock, createWriter, replicaOf, snapshotTable, syncAll } from '../../../helpers/labels-doc.ts';

describe('LiveLabelTable', () => {
  it('[F6] folds appends incrementally and reports the changed rows', () => {
    const doc = createLabelsDoc();
    const live = new LiveLabelTable(doc);
    const changes: LiveChange[] = [];
    live.subscribe((c) => changes.push(c));
    const writer = createWriter(doc, 'alice', createManualClock());
    writer.append([{ row: 3, field: classField(0), value: 1 }, { row: 9, field: 0, value: 1 }]);
    writer.append([{ row: 3, field: classField(0), value: 1 }]); // same value: no row change
    expect(changes.map((c) => [c.rows, c.full, c.version])).toEqual([[[3, 9], false, 2], [[], false, 3]]);
    expect(live.table.labels[0]?.[3]).toBe(1);
    expect(live.refolds).toBe(1);
    expect(live.version).toBe(3);
    expect(live.history(3, classField(0))).toEqual(readCellHistory(doc, 3, classField(0)));
  });

  it('[F6] starts empty on an uninitialised document and folds once meta and events sync in', () => {
    const source = createLabelsDoc();
    createWriter(source, 'alice', createManualClock()).append([{ row: 1, field: classField(1), value: 0 }]);
    const doc = new Y.Doc();
    const live = new LiveLabelTable(doc);
    expect(live.table.rowCount).toBe(0);
    expect(live.meta).toBeNull();
    const seen: LiveChange[] = [];
    live.subscribe((c) => seen.push(c));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    expect(live.table.labels[1]?.[1]).toBe(0);
    expect(seen.map((c) => c.full)).toEqual([true]); // one refold for the whole initial sync
    expect(live.refolds).toBe(2);
  });

  it('[F6] refolds when an element is deleted, a block arrives or a class is added', () => {
    const doc = createLabelsDoc({}, 9);
    const live = new LiveLabelTable(doc);
    const clock = createManualClock();
    const writer = createWriter(doc, 'alice', clock);
    writer.append([{ row: 1, field: classField(0), value: 1 }, { row: 2, field: classField(0), value: 1 }]);
    expect(live.refolds).toBe(1);
    (getSegmentsMap(doc).get('9-0') as Y.Array<unknown>).delete(1, 1);
    expect(live.refolds).toBe(2);
    expect(live.table.labels[0]?.[1]).toBe(-1);
    expect(live.table.labels[0]?.[2]).toBe(1);
    (getSegmentsMap(doc).get('9-0') as Y.Array<unknown>).insert(1, [[5, classField(0), 0, 0, 0]]);
    expect(live.refolds).toBe(3);
    expect(live.table.labels[0]?.[5]).toBe(0);
    const table = createEmptyLabelTable(20, ['dog']);
    table.labels[0]?.fill(1);
    clock.now += 10;
    writer.importTable(table);
    expect(live.refolds).toBe(4);
    expect(live.table.labels[1]?.[7]).toBe(1);
    appendClasses(doc, ['bird']);
    expect(live.refolds).toBe(5);
    expect(live.table.classes).toEqual(['cat', 'dog', 'bird']);
    expect(snapshotTable(live.table)).toEqual(snapshotTable(foldDoc(doc).table));
  });

  it('[F6] observes folded timestamps into the clock so later local edits order after them', () => {
    const a = createLabelsDoc({}, 1);
    const b = replicaOf(a, 2);
    const clockB = new HybridClock(() => 1000);
    const live = new LiveLabelTable(b, { clock: clockB });
    createWriter(a, 'alice', createManualClock(50_000)).append([{ row: 0, field: classField(0), value: 1 }]);
    syncAll(a, b);
    expect(clockB.last).toBe(50_000);
    live.dispose();
  });

  it('[F6] dispose stops updates', () => {
    const doc = createLabelsDoc();
    const live = new LiveLabelTable(doc);
    let calls = 0;
    live.subscribe(() => calls++);
    live.dispose();
    createWriter(doc, 'alice', createManualClock()).append([{ row: 0, field: classField(0), value: 1 }]);
    expect(calls).toBe(0);
    expect(live.table.labels[0]?.[0]).toBe(-1);
  });

  it.each([1, 2, 3, 4, 5])('[F6] incremental fold equals the full fold after random updates (seed %i)', (seed) => {
    const random = createSeededRandom(seed);
    const base = createLabelsDoc({ imageCount: 30 });
    const peers = [replicaOf(base, 11), replicaOf(base, 12), replicaOf(base, 13)];
    const observed = peers[0] as Y.Doc;
    const live = new LiveLabelTable(observed);
    const clock = createManualClock();
    const writers = peers.map((doc, i) => createWriter(doc, `ann${i}`, clock));
    let changes = 0;
    live.subscribe(() => changes++);
    for (let step = 0; step < 150; step++) {
      clock.now += random.int(3) * 500;
      const p = random.int(peers.length);
      const r = random.next();
      const meta = foldDoc(peers[p] as Y.Doc).meta;
      const fields = 2 + (meta?.classes.length ?? 2);
      if (r < 0.7) {
        const edits = Array.from({ length: 1 + random.int(4) }, () => {
          const field = random.int(fields);
          return { row: random.int(30), field, value: (field < 2 ? random.int(2) : random.int(3) - 1) as -1 | 0 | 1 };
        });
        writers[p]?.append(edits);
      } else if (r < 0.75) {
        appendClasses(peers[p] as Y.Doc, [`extra${random.int(4)}`]);
      } else if (r < 0.78) {
        const table = createEmptyLabelTable(30, ['cat']);
        for (let row = 0; row < 30; row++) (table.labels[0] as Int8Array)[row] = random.int(3) - 1;
        writers[p]?.importTable(table);
      } else {
        const from = peers[random.int(peers.length)] as Y.Doc;
        const to = peers[random.int(peers.length)] as Y.Doc;
        Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
      }
      if (step % 10 === 0) expect(snapshotTable(live.table)).toEqual(snapshotTable(foldDoc(observed).table));
    }
    syncAll(...peers);
    const full = foldDoc(observed);
    expect(snapshotTable(live.table)).toEqual(snapshotTable(full.table));
    expect(live.version).toBe(full.version);
    expect(changes).toBeGreaterThan(20);
    expect(live.refolds).toBeLessThan(changes);
  });
});
