// Malformed event-log content: every kind is skipped with a reason and the rest still folds; the
// validators the relay calls agree with the fold. Rule ids refer to shared/SPEC.md.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CELL_CODE, MAX_BLOCK_BYTES, SCHEMA_VERSION, foldDoc, getSegmentsMap, readEvents, segmentContext, validateBlockEntry,
  validateEventEntry, validateSegmentHeader, validateSegmentKey, type SegmentHeader,
} from '../../../../shared/labels/index.ts';
import { classField } from '../../../../shared/schema/fields.ts';
import { createLabelsDoc, replicaOf } from '../../../helpers/labels-doc.ts';

const CLIENT = 777;
const header = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ v: SCHEMA_VERSION, by: 'mallory', client: CLIENT, t0: 1000, classes: ['cat', 'dog'], ...over });
const GOOD: [number, number, number, number, number] = [3, classField(0), 1, 5, 100];

/** Writes a raw segment (bypassing EventWriter) and returns the fold. */
function foldRaw(key: string, elements: unknown[]): ReturnType<typeof foldDoc> {
  const doc = createLabelsDoc({}, CLIENT);
  const array = new Y.Array<unknown>();
  array.push(elements);
  getSegmentsMap(doc).set(key, array);
  // Through an encode/decode round trip, as a replica would receive it.
  return foldDoc(replicaOf(doc));
}

const MALFORMED_EVENTS: [string, unknown, RegExp][] = [
  ['wrong arity', [3, 2, 1, 5], /4 elements, not 5/],
  ['too many elements', [3, 2, 1, 5, 0, 9], /6 elements/],
  ['string element', ['3', 2, 1, 5, 0], /not an integer/],
  ['fractional row', [3.5, 2, 1, 5, 0], /not an integer/],
  ['null element', [3, null, 1, 5, 0], /not an integer/],
  ['row out of range', [20, 2, 1, 5, 0], /row 20 is outside 0..19/],
  ['negative row', [-1, 2, 1, 5, 0], /row -1/],
  ['unknown field', [3, 4, 1, 5, 0], /field 4 is not one of the segment's 4 fields/],
  ['class value 2', [3, 2, 2, 5, 0], /class value 2/],
  ['flag value -1', [3, 0, -1, 5, 0], /flag value -1/],
  ['negative dt', [3, 2, 1, -5, 0], /timestamp delta -5/],
  ['negative dwell', [3, 2, 1, 5, -1], /dwell -1/],
  ['not an array or object', 'hello', /block is not an object/],
  ['block with extra key', { r0: 0, n: 1, f: [2], dt: 0, d: new Uint8Array(1), x: 1 }, /block has keys/],
  ['block with short payload', { r0: 0, n: 8, f: [2], dt: 0, d: new Uint8Array(1) }, /payload has 1 bytes, not 2/],
  ['block rows out of range', { r0: 15, n: 8, f: [2], dt: 0, d: new Uint8Array(2) }, /rows 15..22/],
  ['block with a repeated field', { r0: 0, n: 4, f: [2, 2], dt: 0, d: new Uint8Array(2) }, /field twice/],
  ['block with an unknown field', { r0: 0, n: 4, f: [9], dt: 0, d: new Uint8Array(1) }, /outside the segment's 4 fields/],
  ['block with none on a flag', { r0: 0, n: 4, f: [0], dt: 0, d: Uint8Array.of(CELL_CODE.none) }, /flag field 0 of row 0 to none/],
  ['block payload not bytes', { r0: 0, n: 4, f: [2], dt: 0, d: [0] }, /payload is not bytes/],
];

describe('malformed events', () => {
  it.each(MALFORMED_EVENTS)('[F3] %s is skipped with a reason and the rest folds', (_name, entry, reason) => {
    const { table, rejected, version } = foldRaw(`${CLIENT}-0`, [header(), entry, GOOD]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ segment: `${CLIENT}-0`, index: 1 });
    expect(rejected[0]?.reason).toMatch(reason);
    expect(table.labels[0]?.[3]).toBe(1);
    expect(version).toBe(1);
  });

  const BAD_HEADERS: [string, string, unknown[], RegExp][] = [
    ['missing header', `${CLIENT}-0`, [GOOD, GOOD], /header is missing/],
    ['header of a wrong version', `${CLIENT}-0`, [header({ v: 99 }), GOOD], /version 99/],
    ['header without annotator', `${CLIENT}-0`, [header({ by: '' }), GOOD], /annotator/],
    ['header with a bad t0', `${CLIENT}-0`, [header({ t0: -4 }), GOOD], /t0/],
    ['header with bad classes', `${CLIENT}-0`, [header({ classes: ['cat', 'cat'] }), GOOD], /listed twice/],
    ['header client not matching the id', '778-0', [header(), GOOD], /does not match segment id/],
    ['malformed segment id', 'segment-a', [header(), GOOD], /not of the form/],
    ['header with an extra key', `${CLIENT}-0`, [header({ role: 'owner' }), GOOD], /has keys by, classes, client, role, t0, v/],
    [
      'header smuggling its fields through __proto__',
      `${CLIENT}-0`,
      [JSON.parse(`{"__proto__": {"v": 1, "by": "mallory", "client": ${CLIENT}, "t0": 1000, "classes": ["cat", "dog"]}}`), GOOD],
      /header is missing|has keys/,
    ],
  ];
  it.each(BAD_HEADERS)('[F3] %s: every element of the segment is skipped with the reason', (_name, key, elements, reason) => {
    const { table, rejected } = foldRaw(key, elements);
    expect(rejected).toHaveLength(elements.length);
    for (const r of rejected) expect(r.reason).toMatch(reason);
    expect(table.labels[0]?.[3]).toBe(-1);
  });

  it('[F3] an empty segment or a segment that is not an array is reported, never thrown', () => {
    expect(foldRaw(`${CLIENT}-0`, []).rejected[0]?.reason).toMatch(/header is missing/);
    const doc = createLabelsDoc({}, CLIENT);
    getSegmentsMap(doc).set(`${CLIENT}-0`, 'not a segment');
    const other = new Y.Array<unknown>();
    other.push([header(), GOOD]);
    getSegmentsMap(doc).set(`${CLIENT}-1`, other);
    const { rejected, table } = foldDoc(doc);
    expect(rejected.map((r) => r.reason)).toEqual(['segment is not a Y.Array']);
    expect(table.labels[0]?.[3]).toBe(1);
    expect(readEvents(doc).rejected).toHaveLength(1);
  });

  it('[F3] integers written as bigint or float64 by another Yjs implementation are accepted', () => {
    const { table, rejected } = foldRaw(`${CLIENT}-0`, [header({ t0: 1000n, client: BigInt(CLIENT) }), [3n, 2n, 1n, 5n, 0n], [4, 2, 0, 5.0, 7.0]]);
    expect(rejected).toEqual([]);
    expect(table.labels[0]?.[3]).toBe(1);
    expect(table.labels[0]?.[4]).toBe(0);
  });
});

describe('validators for the relay', () => {
  const ctx = segmentContext(header() as unknown as SegmentHeader, { imageCount: 20 });

  it('[V1] header must name the connection annotator and match the segment id', () => {
    expect(validateSegmentHeader(header(), 'mallory', `${CLIENT}-3`)).toBeNull();
    expect(validateSegmentHeader(header(), 'alice')).toMatch(/claims annotator "mallory", not "alice"/);
    expect(validateSegmentHeader(header(), undefined, '1-0')).toMatch(/does not match/);
    expect(validateSegmentHeader([1, 2])).toMatch(/missing/);
    expect(validateSegmentHeader(header({ classes: ['__proto__'] }))).toMatch(/cannot be a class name/);
  });

  it('[V1] segment ids are <clientID>-<seq>', () => {
    expect(validateSegmentKey('123-0')).toBeNull();
    expect(validateSegmentKey('0-17')).toBeNull();
    for (const bad of ['123', '-1-0', '01-0', '1-01', '99999999999-0', '1-0x', '__proto__']) expect(validateSegmentKey(bad)).not.toBeNull();
  });

  it('[V1] event and block validators agree with the fold', () => {
    expect(validateEventEntry(GOOD, ctx)).toBeNull();
    for (const [, entry, reason] of MALFORMED_EVENTS) {
      const problem = Array.isArray(entry) ? validateEventEntry(entry, ctx) : validateBlockEntry(entry, ctx);
      expect(problem).toMatch(reason);
    }
    expect(validateBlockEntry({ r0: 0, n: 4, f: [2, 0], dt: 0, d: new Uint8Array(2) }, ctx)).toBeNull();
    expect(validateBlockEntry({ r0: 0, n: 20, f: [2], dt: 0, d: new Uint8Array(MAX_BLOCK_BYTES + 1) }, ctx)).toMatch(/exceeds/);
  });
});
