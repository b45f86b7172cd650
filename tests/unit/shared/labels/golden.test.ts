// Golden fixture of schema version 1: a stored encoded labels document must keep loading and folding
// to the same table, and today's writer must still produce exactly those bytes (a layout change
// must be deliberate: bump SCHEMA_VERSION and add a new fixture). Regenerate with
// PATCHWORK_WRITE_GOLDEN=1 only when the layout changes on purpose.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { EventWriter, HybridClock, appendClasses, foldDoc, initLabelsDoc, readEvents, readMeta } from '../../../../shared/labels/index.ts';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';

const FIXTURE = new URL('./fixtures/labels-v1.base64', import.meta.url);

function buildGoldenDoc(): Y.Doc {
  const owner = new Y.Doc();
  owner.clientID = 1;
  initLabelsDoc(owner, { projectId: 'golden', classes: ['cat', 'dog'], imageCount: 8, manifest: 'a'.repeat(64) });
  const alice = new Y.Doc();
  alice.clientID = 2;
  Y.applyUpdate(alice, Y.encodeStateAsUpdate(owner));
  let now = 1_700_000_000_000;
  const writer = new EventWriter(alice, 'alice', new HybridClock(() => (now += 1000)));
  writer.append([{ row: 0, field: 2, value: 1, dwell: 1500 }, { row: 1, field: 3, value: 0, dwell: 700 }]);
  writer.append([{ row: 2, field: 0, value: 1 }, { row: 3, field: 1, value: 1 }]);
  const table = createEmptyLabelTable(8, ['dog']);
  table.labels[0]?.set([1, 1, 0, -1, 1, 0, 1, 1]);
  writer.importTable(table);
  appendClasses(owner, ['bird']);
  Y.applyUpdate(alice, Y.encodeStateAsUpdate(owner));
  writer.append([{ row: 7, field: 4, value: 1, dwell: 42 }, { row: 0, field: 2, value: -1 }]);
  return alice;
}

describe('schema v1 golden fixture', () => {
  it('[L1][L3][L4] the stored v1 document loads and folds to the expected table', () => {
    if (process.env.PATCHWORK_WRITE_GOLDEN === '1') writeFileSync(FIXTURE, Buffer.from(Y.encodeStateAsUpdate(buildGoldenDoc())).toString('base64') + '\n');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(readFileSync(FIXTURE, 'utf8').trim(), 'base64')));
    expect(readMeta(doc)).toEqual({ projectId: 'golden', schema: 1, classes: ['cat', 'dog', 'bird'], imageCount: 8, manifest: 'a'.repeat(64) });
    const { table, rejected, version } = foldDoc(doc);
    expect(rejected).toEqual([]);
    expect(version).toBe(4 + 7 + 2);
    expect(Array.from(table.labels[0] ?? [])).toEqual([-1, -1, -1, -1, -1, -1, -1, -1]);
    expect(Array.from(table.labels[1] ?? [])).toEqual([1, 1, 0, -1, 1, 0, 1, 1]); // the import is newer than row 1's event
    expect(Array.from(table.labels[2] ?? [])).toEqual([-1, -1, -1, -1, -1, -1, -1, 1]);
    expect(Array.from(table.exclude)).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(table.validation)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    const events = readEvents(doc).events;
    expect(events[0]).toEqual({ row: 0, field: 2, value: 1, ts: 1_700_000_001_000, by: 'alice', dwell: 1500, segment: '2-0', index: 1, cell: 0 });
    expect(events.at(-1)).toMatchObject({ row: 0, field: 2, value: -1, segment: '2-1', index: 2 });
  });

  it('[L1] today\u2019s writer produces the v1 bytes exactly', () => {
    const stored = readFileSync(FIXTURE, 'utf8').trim();
    expect(Buffer.from(Y.encodeStateAsUpdate(buildGoldenDoc())).toString('base64')).toBe(stored);
  });
});
