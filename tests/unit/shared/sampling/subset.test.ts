// find_subset on behaviour 3's table (behaviour 4), the exclude-status decision (validation rows
// are not in "not excluded"), the subset column and the row-set options.
import { describe, expect, it } from 'vitest';
import { SAMPLING_ERROR, findSubset, maskRows, type SubsetQuery } from '../../../../shared/sampling/index.ts';
import { behaviourThreeTable, tableFromRows } from '../../../helpers/sampling-tables.ts';

const { table, subset: subsetColumn, names } = behaviourThreeTable();

function subsetNames(query: SubsetQuery): string[] {
  const found = findSubset(table, { subsetColumn, ...query });
  if (!found.ok) throw new Error(found.reason);
  expect(found.size).toBe(maskRows(found.mask).length);
  return maskRows(found.mask).map((row) => names[row] as string);
}

describe('findSubset', () => {
  it('[B4] the eight reference subsets', () => {
    expect(subsetNames({ labelStatus: 'unlabeled', excludeStatus: 'not excluded', subsetBy: 'all' })).toEqual([]);
    expect(subsetNames({ labelStatus: 'unlabeled', excludeStatus: 'excluded', subsetBy: 'all' })).toEqual(['a']);
    expect(subsetNames({ labelStatus: 'labeled', excludeStatus: 'not excluded', subsetBy: 'all' })).toEqual(['b', 'c']);
    expect(subsetNames({ labelStatus: 'partial', excludeStatus: 'not excluded', subsetBy: 'all' })).toEqual(['d', 'e']);
    expect(subsetNames({ labelStatus: 'labeled', excludeStatus: 'not excluded', subsetBy: 'subset: 0' })).toEqual(['b']);
    expect(subsetNames({ labelStatus: 'partial', excludeStatus: 'not excluded', subsetBy: 'subset: 1' })).toEqual(['d', 'e']);
    expect(subsetNames({ labelStatus: 'partial', excludeStatus: 'not excluded', subsetBy: 'contains: class1' })).toEqual(['d', 'e']);
    expect(subsetNames({ labelStatus: 'labeled', excludeStatus: 'not excluded', subsetBy: "doesn't contain: class1" })).toEqual(['c']);
  });

  it('defaults are unlabeled, not excluded, all', () => {
    const t = tableFromRows(['x'], [{ labels: [null] }, { labels: [1] }, { labels: [null], exclude: true }]);
    const found = findSubset(t);
    expect(found.ok && maskRows(found.mask)).toEqual([0]);
  });

  it('exclude statuses partition the rows: "not excluded" leaves validation rows out (a fix), "validation" leaves excluded ones out', () => {
    const t = tableFromRows(
      ['x'],
      [{ labels: [null] }, { labels: [null], validation: true }, { labels: [null], exclude: true }, { labels: [null], exclude: true, validation: true }],
    );
    const rows = (excludeStatus: string): number[] | string => {
      const found = findSubset(t, { excludeStatus });
      return found.ok ? maskRows(found.mask) : found.reason;
    };
    expect(rows('not excluded')).toEqual([0]);
    expect(rows('validation')).toEqual([1]);
    expect(rows('excluded')).toEqual([2, 3]);
  });

  it('unlabeled: c keeps rows whose class c is unknown, whatever the other classes', () => {
    const t = tableFromRows(['p', 'q'], [{ labels: [null, 1] }, { labels: [0, null] }, { labels: [null, null] }]);
    const found = findSubset(t, { labelStatus: 'partial', subsetBy: 'unlabeled: p' });
    expect(found.ok && maskRows(found.mask)).toEqual([0]);
  });

  it('missing subset values match "subset: nan"', () => {
    const t = tableFromRows(['x'], [{ labels: [null] }, { labels: [null] }, { labels: [null] }]);
    const found = findSubset(t, { subsetBy: 'subset: nan', subsetColumn: ['a', null, undefined] });
    expect(found.ok && maskRows(found.mask)).toEqual([1, 2]);
  });

  it('row-set options intersect with the filters; a missing row set is a failure value', () => {
    const t = tableFromRows(['x'], Array.from({ length: 6 }, (_, i) => ({ labels: [i < 3 ? null : 1] as const })));
    const rowSets = { conflicts: [1, 4, 99, -1], labelledByMe: [2], labelledBy: new Map([['ana', [0, 1]]]) };
    const rows = (subsetBy: string, labelStatus = 'unlabeled'): number[] | string => {
      const found = findSubset(t, { subsetBy, labelStatus, rowSets });
      return found.ok ? maskRows(found.mask) : found.code;
    };
    expect(rows('conflicts')).toEqual([1]);
    expect(rows('conflicts', 'labeled')).toEqual([4]);
    expect(rows('labelled by me')).toEqual([2]);
    expect(rows('labelled by: ana')).toEqual([0, 1]);
    expect(rows('labelled by: zed')).toBe(SAMPLING_ERROR.NEEDS_ROW_SET);
    expect(findSubset(t, { subsetBy: 'conflicts' })).toMatchObject({ ok: false, code: SAMPLING_ERROR.NEEDS_ROW_SET });
  });

  it('bad statuses, options and a misshapen subset column are failure values', () => {
    expect(findSubset(table, { labelStatus: 'unlabelled' })).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(findSubset(table, { excludeStatus: 'included' })).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(findSubset(table, { subsetBy: 'unlabeled' })).toMatchObject({ ok: false, code: SAMPLING_ERROR.UNKNOWN_OPTION });
    expect(findSubset(table, { subsetBy: 'subset: 0' })).toMatchObject({ ok: false, code: SAMPLING_ERROR.NEEDS_ROW_SET });
    expect(findSubset(table, { subsetBy: 'subset: 0', subsetColumn: ['0'] })).toMatchObject({ ok: false, code: SAMPLING_ERROR.BAD_INPUT });
  });
});
