// The fold engine's two strategies (radix sort by cell for a cold fold, per-cell hash for very large
// projects and for incremental events) must agree on the table, the version and every cell history.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FoldEngine, decodeDoc, readMeta } from '../../../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';
import { createLabelsDoc, createManualClock, createWriter, replicaOf, snapshotTable, syncAll } from '../../../helpers/labels-doc.ts';

function randomDoc(seed: number): Y.Doc {
  const random = createSeededRandom(seed);
  const base = createLabelsDoc({ imageCount: 25 });
  const docs = [replicaOf(base, 1), replicaOf(base, 2)];
  const clock = createManualClock();
  const writers = docs.map((doc, i) => createWriter(doc, `ann${i}`, clock));
  for (let step = 0; step < 300; step++) {
    clock.now += random.int(2) * 100; // many equal timestamps: the tie-breaks matter
    const w = random.int(2);
    if (random.chance(0.03)) {
      const table = createEmptyLabelTable(25, ['dog']);
      for (let r = 0; r < 25; r++) (table.labels[0] as Int8Array)[r] = random.int(3) - 1;
      writers[w]?.importTable(table);
    } else {
      writers[w]?.append(Array.from({ length: 1 + random.int(3) }, () => {
        const field = random.int(4);
        return { row: random.int(25), field, value: (field < 2 ? random.int(2) : random.int(3) - 1) as -1 | 0 | 1 };
      }));
    }
  }
  syncAll(...docs);
  return docs[0] as Y.Doc;
}

describe('fold engine strategies', () => {
  it.each([11, 12, 13])('[F1] sorted and hashed folds agree (seed %i)', (seed) => {
    const doc = randomDoc(seed);
    const meta = readMeta(doc);
    if (!meta) throw new Error('no meta');
    const sorted = new FoldEngine(meta);
    const hashed = new FoldEngine(meta, Infinity, { hashOnly: true });
    decodeDoc(doc, meta, sorted);
    decodeDoc(doc, meta, hashed);
    sorted.finish();
    hashed.finish();
    expect(snapshotTable(hashed.table)).toEqual(snapshotTable(sorted.table));
    expect(hashed.version).toBe(sorted.version);
    expect(sorted.version).toBeGreaterThan(300);
    for (let row = 0; row < 25; row++) for (let field = 0; field < 4; field++) expect(hashed.history(row, field)).toEqual(sorted.history(row, field));
  });
});
