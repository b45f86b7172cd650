// labels.csv against pandas, the original's own reader and writer: pandas reads our export with
// pd.read_csv unchanged (bool flags, float classes with NaN), and a CSV pandas writes with
// to_csv(index=False) imports with identical values. Needs python3-pandas: skipped locally
// without it, a failure in CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelsCsv } from '../../shared/csv/index.ts';
import { createProject, exportHistoryCsv, exportLabelsCsv, loadLabelsDocument, openProject } from '../../server/project/index.ts';
import { createTempDir, writeImageFiles } from '../helpers/project-fixtures.ts';
import { findPython, isCi, runPython } from '../helpers/python-interop.ts';

const python = findPython(['pandas']);

const PATHS = ['img/plain.png', 'img/with, comma.png', 'img/say "cheese".png', 'img/café.png', 'img/five.png'];
const LABELS =
  'filepath,exclude,validation,cat,dog,subset\n' +
  'img/plain.png,True,False,,,north\n' +
  '"img/with, comma.png",False,True,1.0,0.0,south\n' +
  '"img/say ""cheese"".png",False,False,0.0,1.0,"east, far"\n' +
  'img/café.png,False,False,1.0,,north\n' +
  'img/five.png,False,False,,,south\n';

const READ_SCRIPT = `
import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
out = {
  "columns": list(df.columns),
  "dtypes": {c: str(t) for c, t in df.dtypes.items()},
  "filepath": list(df["filepath"]),
  "exclude": [bool(v) for v in df["exclude"]],
  "validation": [bool(v) for v in df["validation"]],
  "cat": [None if pd.isna(v) else float(v) for v in df["cat"]],
  "dog": [None if pd.isna(v) else float(v) for v in df["dog"]],
  "subset": list(df["subset"]),
  "index": list(df.index),
}
df.to_csv(sys.argv[2], index=False)
df.loc[4, "dog"] = 1.0
df.loc[0, "exclude"] = False
df.to_csv(sys.argv[3], index=False)
print(json.dumps(out))
`;

const HISTORY_SCRIPT = `
import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], parse_dates=["time"])
print(json.dumps({"columns": list(df.columns), "dtypes": {c: str(t) for c, t in df.dtypes.items()}, "rows": len(df), "paths": list(df["filepath"])}))
`;

describe.skipIf(!python && !isCi())('labels.csv with pandas', () => {
  it('pandas is available when CI is set', () => {
    expect(python, 'python3 with pandas (apt-get install python3-pandas)').not.toBeNull();
  });

  it('pd.read_csv reads our export unchanged; to_csv(index=False) of it is byte-identical and imports identically; events.csv reads too', () => {
    const work = createTempDir();
    writeImageFiles(work, PATHS);
    writeFileSync(join(work, 'labels.csv'), LABELS);
    createProject({ dir: 'p', images: 'list.txt', classes: 'cat,dog', labels: 'labels.csv', cwd: work });
    const project = openProject(join(work, 'p'));
    const doc = loadLabelsDocument(project.paths.storage, project.config.projectId);
    const exported = exportLabelsCsv(project, doc);
    const history = exportHistoryCsv(project, doc);
    doc.destroy();
    writeFileSync(join(work, 'events.csv'), history);
    expect(exported).toBe(LABELS);
    const ours = join(work, 'ours.csv');
    writeFileSync(ours, exported);

    const pandasCopy = join(work, 'pandas-copy.csv');
    const pandasEdited = join(work, 'pandas-edited.csv');
    const seen = JSON.parse(runPython(python as string, READ_SCRIPT, [ours, pandasCopy, pandasEdited])) as Record<string, unknown>;
    expect(seen['columns']).toEqual(['filepath', 'exclude', 'validation', 'cat', 'dog', 'subset']);
    expect(seen['dtypes']).toEqual({ filepath: 'object', exclude: 'bool', validation: 'bool', cat: 'float64', dog: 'float64', subset: 'object' });
    expect(seen['filepath']).toEqual(PATHS);
    expect(seen['exclude']).toEqual([true, false, false, false, false]);
    expect(seen['validation']).toEqual([false, true, false, false, false]);
    expect(seen['cat']).toEqual([null, 1, 0, 1, null]);
    expect(seen['dog']).toEqual([null, 0, 1, null, null]);
    expect(seen['subset']).toEqual(['north', 'south', 'east, far', 'north', 'south']);
    expect(seen['index']).toEqual([0, 1, 2, 3, 4]);

    expect(readFileSync(pandasCopy, 'utf8')).toBe(exported);
    const edited = readLabelsCsv(readFileSync(pandasEdited, 'utf8'), { classes: ['cat', 'dog'] });
    const original = readLabelsCsv(exported, { classes: ['cat', 'dog'] });
    expect(edited.filepaths).toEqual(original.filepaths);
    expect(edited.extraColumns).toEqual(original.extraColumns);
    expect([...edited.table.exclude]).toEqual([0, 0, 0, 0, 0]);
    expect([...edited.table.validation]).toEqual([...original.table.validation]);
    expect([...(edited.table.labels[0] as Int8Array)]).toEqual([...(original.table.labels[0] as Int8Array)]);
    expect([...(edited.table.labels[1] as Int8Array)]).toEqual([-1, 0, 1, -1, 1]);

    const events = JSON.parse(runPython(python as string, HISTORY_SCRIPT, [join(work, 'events.csv')])) as Record<string, unknown>;
    expect(events['columns']).toEqual(['time', 'annotator', 'row', 'filepath', 'field', 'value', 'dwell_ms']);
    expect(events['dtypes']).toMatchObject({ time: expect.stringMatching(/^datetime64\[\w+, UTC\]$/), row: 'int64', dwell_ms: 'int64' });
    expect(events['rows']).toBe(history.trimEnd().split('\n').length - 1);
    expect(events['paths']).toContain('img/say "cheese".png');
  });
});
