// labels.csv reading and writing in the original's format: behaviours 1, 2 and 32, and the edge
// cases of real files (quotes, commas and line breaks in paths, CRLF, BOM, bad values).
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, prepLabelTable, readLabelsCsv, writeLabelsCsv } from '../../../../shared/csv/index.ts';

const HEADER = 'filepath,exclude,validation,cat,dog';

function expectCsvError(text: string, line: number, pattern: RegExp): void {
  let caught: unknown;
  try {
    readLabelsCsv(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CsvError);
  expect((caught as CsvError).line).toBe(line);
  expect((caught as CsvError).message).toMatch(pattern);
}

describe('labels.csv', () => {
  it('[B1] prepLabelTable: columns filepath, exclude, validation, classes; flags false; cells unlabelled', () => {
    const frame = prepLabelTable(['a.png', 'b.png', 'c.png'], ['shoe', 'biscotti', 'punctuality']);
    expect(frame.table.rowCount).toBe(3);
    expect(frame.columns).toEqual(['filepath', 'exclude', 'validation', 'shoe', 'biscotti', 'punctuality']);
    expect([...frame.table.exclude]).toEqual([0, 0, 0]);
    expect([...frame.table.validation]).toEqual([0, 0, 0]);
    for (const column of frame.table.labels) expect([...column]).toEqual([-1, -1, -1]);
    expect(writeLabelsCsv(frame)).toBe(
      'filepath,exclude,validation,shoe,biscotti,punctuality\n' +
        'a.png,False,False,,,\nb.png,False,False,,,\nc.png,False,False,,,\n',
    );
  });

  it('[B2] class detection: every non-protected column, in order', () => {
    const frame = readLabelsCsv('filepath,exclude,validation,subset,viewpath,cat,dog\nx.png,False,False,s,v,1.0,\n');
    expect(frame.table.classes).toEqual(['cat', 'dog']);
    expect(frame.extraColumns.map((c) => c.name)).toEqual(['subset', 'viewpath']);
  });

  it('[B32] round trip: labels, exclude and validation identical; no index column; None ↔ empty', () => {
    const text =
      `${HEADER}\n` +
      'a.png,True,False,,\n' +
      'b.png,False,True,1.0,0.0\n' +
      'c.png,False,False,0.0,1.0\n' +
      'd.png,False,False,1.0,\n';
    const frame = readLabelsCsv(text);
    expect([...frame.table.exclude]).toEqual([1, 0, 0, 0]);
    expect([...frame.table.validation]).toEqual([0, 1, 0, 0]);
    expect([...(frame.table.labels[0] as Int8Array)]).toEqual([-1, 1, 0, 1]);
    expect([...(frame.table.labels[1] as Int8Array)]).toEqual([-1, 0, 1, -1]);
    const written = writeLabelsCsv(frame);
    expect(written).toBe(text);
    expect(written.split('\n')[0]?.startsWith('filepath,')).toBe(true);
    const again = readLabelsCsv(written);
    expect(again.table).toEqual(frame.table);
  });

  it('accepts 0, 1, 0.0, 1.0, NaN and empty for classes, and the flag spellings', () => {
    const frame = readLabelsCsv(
      `${HEADER}\n` + 'a,true,1,1,0\nb,false,0,0.0,1.0\nc,TRUE,,nan,\nd,1.0,0.0,1.00,0e0\n',
    );
    expect([...frame.table.exclude]).toEqual([1, 0, 1, 1]);
    expect([...frame.table.validation]).toEqual([1, 0, 0, 0]);
    expect([...(frame.table.labels[0] as Int8Array)]).toEqual([1, 0, -1, 1]);
    expect([...(frame.table.labels[1] as Int8Array)]).toEqual([0, 1, -1, 0]);
  });

  it('quotes paths with commas, quotes and line breaks (RFC 4180) and reads them back', () => {
    const frame = prepLabelTable(['dir,with comma/a.png', 'say "hi".png', 'two\nlines.png', 'plain.png'], ['cat']);
    (frame.table.labels[0] as Int8Array)[2] = 1;
    const text = writeLabelsCsv(frame);
    expect(text).toContain('"dir,with comma/a.png",False');
    expect(text).toContain('"say ""hi"".png",False');
    expect(text).toContain('"two\nlines.png",False,False,1.0');
    const back = readLabelsCsv(text);
    expect(back.filepaths).toEqual(frame.filepaths);
    expect(back.table).toEqual(frame.table);
  });

  it('reads CRLF line ends, a BOM, a missing final newline and blank lines', () => {
    const frame = readLabelsCsv(`\uFEFF${HEADER}\r\na.png,False,False,1.0,\r\n\r\nb.png,True,False,,0.0`);
    expect(frame.columns[0]).toBe('filepath');
    expect(frame.filepaths).toEqual(['a.png', 'b.png']);
    expect([...frame.table.exclude]).toEqual([0, 1]);
    expect([...(frame.table.labels[1] as Int8Array)]).toEqual([-1, 0]);
  });

  it('keeps a subset column in its place', () => {
    const text = 'filepath,exclude,validation,class1,class2,subset\na,True,False,,,0\nb,False,False,1.0,0.0,1\n';
    const frame = readLabelsCsv(text);
    expect(frame.table.classes).toEqual(['class1', 'class2']);
    expect(frame.extraColumns).toEqual([{ name: 'subset', values: ['0', '1'] }]);
    expect(writeLabelsCsv(frame)).toBe(text);
  });

  it('fills missing flag columns with False and writes them after filepath', () => {
    const frame = readLabelsCsv('filepath,cat\na.png,1\n');
    expect(writeLabelsCsv(frame)).toBe('filepath,exclude,validation,cat\na.png,False,False,1.0\n');
  });

  it('maps file classes onto the project classes and refuses unknown ones', () => {
    const frame = readLabelsCsv('filepath,dog\na,1.0\n', { classes: ['cat', 'dog'] });
    expect(frame.table.classes).toEqual(['cat', 'dog']);
    expect([...(frame.table.labels[0] as Int8Array)]).toEqual([-1]);
    expect([...(frame.table.labels[1] as Int8Array)]).toEqual([1]);
    expect(() => readLabelsCsv('filepath,bird\na,1.0\n', { classes: ['cat'] })).toThrow(/line 1: unknown class "bird"/);
  });

  it('names the line of a bad value, a wrong column count and an empty path', () => {
    expectCsvError(`${HEADER}\na,False,False,1.0,\nb,False,False,0.5,\n`, 3, /column "cat": unknown value "0.5"/);
    expectCsvError(`${HEADER}\na,False,False,1.0,\nb,maybe,False,,\n`, 3, /column "exclude": unknown value "maybe"/);
    expectCsvError(`${HEADER}\na,False,False,1.0\n`, 2, /expected 5 columns, found 4/);
    expectCsvError(`${HEADER}\n"multi\nline",False,False,,\n,False,False,,\n`, 4, /empty filepath/);
  });

  it('refuses a header without filepath, an index column, duplicates and bad class names', () => {
    expectCsvError('path,cat\na,1\n', 1, /no "filepath" column/);
    expectCsvError(',filepath,cat\n0,a,1\n', 1, /index column/);
    expectCsvError('Unnamed: 0,filepath,cat\n0,a,1\n', 1, /index column/);
    expectCsvError('filepath,cat,cat\na,1,1\n', 1, /"cat" appears twice/);
    expectCsvError('filepath, cat\na,1\n', 1, /leading or trailing spaces/);
    expect(() => readLabelsCsv('')).toThrow(/empty/);
  });

  it('reports unterminated quotes and stray quotes with their line', () => {
    expect(() => parseCsv('a,b\n"open,1\n2\n')).toThrow(/line 2: unterminated quoted field/);
    expect(() => parseCsv('a,b\nx"y,1\n')).toThrow(/line 2: quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow(/line 2: unexpected text after a closing quote/);
  });
});
