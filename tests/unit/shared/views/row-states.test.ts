// Row states and the label-count table (behaviours 3 and 30, the latter in Patchwork's fixed form).
import { describe, expect, it } from 'vitest';
import { createEmptyLabelTable } from '../../../../shared/table/label-table.ts';
import { ROW_STATE, computeLabelCounts, computeRowStates, rowState, summarizeRowStates } from '../../../../shared/views/index.ts';
import { behaviourThreeTable, tableFromRows } from '../../../helpers/sampling-tables.ts';
import { createSeededRandom } from '../../../helpers/seeded-random.ts';

describe('row states', () => {
  it('[B3] unlabelled = {a}, labelled = {b, c}, partial = {d, e}', () => {
    const { table, names } = behaviourThreeTable();
    const states = computeRowStates(table);
    const named = (state: number): string[] => names.filter((_, row) => states[row] === state);
    expect(named(ROW_STATE.UNLABELLED)).toEqual(['a']);
    expect(named(ROW_STATE.LABELLED)).toEqual(['b', 'c']);
    expect(named(ROW_STATE.PARTIAL)).toEqual(['d', 'e']);
    expect(summarizeRowStates(states)).toEqual({ unlabelled: 1, partial: 2, labelled: 2 });
    for (let row = 0; row < table.rowCount; row++) expect(rowState(table, row)).toBe(states[row]);
  });

  it('with zero classes every row is unlabelled', () => {
    const table = createEmptyLabelTable(4, []);
    expect([...computeRowStates(table)]).toEqual([0, 0, 0, 0]);
    expect(rowState(table, 2)).toBe(ROW_STATE.UNLABELLED);
  });

  it('the word-wise fold agrees with the per-row rule for odd row counts and unaligned columns', () => {
    const rng = createSeededRandom(3);
    for (let trial = 0; trial < 40; trial++) {
      const rowCount = rng.int(23);
      const classCount = 1 + rng.int(4);
      const classes = Array.from({ length: classCount }, (_, c) => `k${c}`);
      const unaligned = rng.chance(0.5);
      const labels = classes.map(() => {
        const backing = new Int8Array(rowCount + 1);
        const column = unaligned ? backing.subarray(1) : backing.subarray(0, rowCount);
        const mode = rng.int(3); // mostly unknown, mostly known, or mixed
        for (let row = 0; row < rowCount; row++) {
          const known = mode === 0 ? rng.chance(0.1) : mode === 1 ? rng.chance(0.9) : rng.chance(0.5);
          column[row] = known ? rng.int(2) : -1;
        }
        return column;
      });
      const table = { rowCount, classes, labels, exclude: new Uint8Array(rowCount), validation: new Uint8Array(rowCount) };
      const states = computeRowStates(table);
      expect(states).toHaveLength(rowCount);
      for (let row = 0; row < rowCount; row++) {
        const known = labels.filter((column) => (column[row] as number) >= 0).length;
        const expected = known === 0 ? ROW_STATE.UNLABELLED : known === classCount ? ROW_STATE.LABELLED : ROW_STATE.PARTIAL;
        expect(states[row]).toBe(expected);
        expect(rowState(table, row)).toBe(expected);
      }
    }
  });

  it('ignores the exclude and validation flags', () => {
    const table = tableFromRows(['x'], [{ labels: [1], exclude: true, validation: true }, { labels: [null], validation: true }]);
    expect([...computeRowStates(table)]).toEqual([ROW_STATE.LABELLED, ROW_STATE.UNLABELLED]);
  });
});

describe('label counts', () => {
  it('[B30, fixed] a validation positive counts in validation.pos only; an excluded negative is NOT in training.neg', () => {
    const table = tableFromRows(
      ['c'],
      [
        { labels: [1], validation: true },
        { labels: [0], exclude: true },
        { labels: [0] },
        { labels: [1] },
        { labels: [1] },
        { labels: [null] },
      ],
    );
    const counts = computeLabelCounts(table);
    expect(counts.classes).toEqual(['c']);
    expect(counts.validation[0]).toEqual({ neg: 0, pos: 1 });
    // The original counted the excluded row here (training.neg would be 2); Patchwork does not.
    expect(counts.training[0]).toEqual({ neg: 1, pos: 2 });
    expect(counts.excluded[0]).toEqual({ neg: 1, pos: 0 });
  });

  it('an excluded validation row counts only under excluded; classes are counted independently', () => {
    const table = tableFromRows(
      ['a', 'b'],
      [
        { labels: [1, 0], exclude: true, validation: true },
        { labels: [0, 1], validation: true },
        { labels: [1, null] },
      ],
    );
    const counts = computeLabelCounts(table);
    expect(counts.training).toEqual([{ neg: 0, pos: 1 }, { neg: 0, pos: 0 }]);
    expect(counts.validation).toEqual([{ neg: 1, pos: 0 }, { neg: 0, pos: 1 }]);
    expect(counts.excluded).toEqual([{ neg: 0, pos: 1 }, { neg: 1, pos: 0 }]);
  });
});
