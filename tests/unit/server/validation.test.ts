// Update validation without a network: a relay-side document and peer documents exchanging raw
// updates, judged by validateUpdate for each role. Complements the integration suites.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventWriter, HybridClock, getSegmentsMap, initLabelsDoc } from '../../../shared/labels/index.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { createEmptyLabelTable } from '../../../shared/table/label-table.ts';
import { validateUpdate } from '../../../server/validation/index.ts';

function relayDoc(): Y.Doc {
  const doc = new Y.Doc();
  initLabelsDoc(doc, { projectId: 'p', classes: ['cat', 'dog'], imageCount: 10, manifest: 'f'.repeat(64) });
  return doc;
}

/** A peer synced with `server`; returns the update produced by `act`. */
function peerUpdate(server: Y.Doc, act: (peer: Y.Doc) => void): { peer: Y.Doc; update: Uint8Array } {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(peer);
  act(peer);
  return { peer, update: Y.encodeStateAsUpdate(peer, before) };
}

const clock = (): HybridClock => new HybridClock(() => 1_700_000_000_000);

describe('validateUpdate (labels)', () => {
  it('accepts own events, refuses them for viewers and other names', () => {
    const server = relayDoc();
    const { update } = peerUpdate(server, (d) => new EventWriter(d, 'alice', clock()).append([{ row: 1, field: classField(0), value: 1 }]));
    expect(validateUpdate('labels', server, update, 'annotator', 'alice')).toBeNull();
    expect(validateUpdate('labels', server, update, 'annotator', 'bob')?.code).toBe('IMPERSONATION');
    expect(validateUpdate('labels', server, update, 'viewer', 'alice')?.code).toBe('READ_ONLY');
    expect(validateUpdate('labels', server, update, 'owner', 'olga')).toBeNull();
  });

  it('accepts a bulk import block and refuses a block with a bad payload', () => {
    const server = relayDoc();
    const table = createEmptyLabelTable(10, ['cat', 'dog']);
    (table.labels[0] as Int8Array)[3] = 1;
    const { update } = peerUpdate(server, (d) => new EventWriter(d, 'alice', clock()).importTable(table));
    expect(validateUpdate('labels', server, update, 'annotator', 'alice')).toBeNull();
    const bad = peerUpdate(server, (d) => {
      const w = new EventWriter(d, 'alice', clock());
      w.append([{ row: 0, field: 0, value: 1 }]);
      (getSegmentsMap(d).get(w.segmentKey as string) as Y.Array<unknown>).push([{ r0: 0, n: 4, f: [2], dt: 0, d: new Uint8Array(9) }]);
    });
    expect(validateUpdate('labels', server, bad.update, 'annotator', 'alice')?.code).toBe('INVALID_EVENT');
  });

  it('refuses entries inserted before the end of an existing segment', () => {
    const server = relayDoc();
    const first = peerUpdate(server, (d) => new EventWriter(d, 'alice', clock()).append([{ row: 1, field: 2, value: 1 }, { row: 2, field: 2, value: 1 }]));
    Y.applyUpdate(server, first.update);
    const key = [...getSegmentsMap(server).keys()][0] as string;
    const middle = peerUpdate(server, (d) => (getSegmentsMap(d).get(key) as Y.Array<unknown>).insert(1, [[3, 2, 1, 0, 0]]));
    expect(validateUpdate('labels', server, middle.update, 'annotator', 'alice')?.code).toBe('INVALID_EVENT');
    const end = peerUpdate(server, (d) => (getSegmentsMap(d).get(key) as Y.Array<unknown>).push([[3, 2, 1, 0, 0]]));
    expect(validateUpdate('labels', server, end.update, 'annotator', 'alice')).toBeNull();
  });

  it('refuses an update whose items depend on content the relay lacks', () => {
    const server = relayDoc();
    const { peer, update: firstUpdate } = peerUpdate(server, (d) => new EventWriter(d, 'alice', clock()).append([{ row: 1, field: 2, value: 1 }]));
    const before = Y.encodeStateVector(peer);
    const key = [...getSegmentsMap(peer).keys()][0] as string;
    (getSegmentsMap(peer).get(key) as Y.Array<unknown>).push([[2, 2, 1, 0, 0]]);
    const second = Y.encodeStateAsUpdate(peer, before);
    expect(validateUpdate('labels', server, second, 'annotator', 'alice')?.code).toBe('MISSING_DEPENDENCY');
    expect(validateUpdate('labels', server, Y.mergeUpdates([firstUpdate, second]), 'annotator', 'alice')).toBeNull();
  });

  it('garbage is MALFORMED_MESSAGE', () => {
    expect(validateUpdate('labels', relayDoc(), new Uint8Array([1, 2, 3, 250, 250]), 'owner', 'o')?.code).toBe('MALFORMED_MESSAGE');
  });

  it('prototype keys are refused', () => {
    const server = relayDoc();
    const { update } = peerUpdate(server, (d) => d.getMap('jobs').set('__proto__', 1));
    expect(validateUpdate('model', new Y.Doc(), update, 'trainer', 't')?.code).toBe('OUTSIDE_SCHEMA');
  });
});
