// The real `patchwork` command on temporary directories: help, init (with features and labels),
// export (byte-identical round trip, --as-of before any edit), history and --out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/index.ts';
import { runCli } from '../../../server/cli/index.ts';
import { runPatchwork } from '../../helpers/cli-process.ts';
import { createTempDir, writeImageFiles, writeNpyFile } from '../../helpers/project-fixtures.ts';

const NAMES = ['img/a.png', 'img/b, with comma.png', 'img/c "quoted".png', 'img/d.png', 'img/e.png'];
const LABELS =
  'filepath,exclude,validation,cat,dog\n' +
  'img/a.png,True,False,,\n' +
  '"img/b, with comma.png",False,True,1.0,0.0\n' +
  '"img/c ""quoted"".png",False,False,0.0,1.0\n' +
  'img/d.png,False,False,1.0,\n' +
  'img/e.png,False,False,,\n';

let work: string;

beforeAll(() => {
  work = createTempDir();
  writeImageFiles(work, NAMES);
  writeFileSync(join(work, 'labels.csv'), LABELS);
  writeNpyFile(join(work, 'features.npy'), [NAMES.length, 3, 3, 2]);
});

describe('patchwork CLI', () => {
  it('prints help for the program and for every command', async () => {
    const [main, init] = await Promise.all([runPatchwork(['--help'], { cwd: work }), runPatchwork(['init', '--help'], { cwd: work })]);
    expect(main.code).toBe(0);
    for (const name of ['init', 'serve', 'trainer', 'export', 'history', 'token', 'demo']) expect(main.stdout).toContain(`  ${name} `);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^Usage: patchwork init <dir> \[--images <list\.txt>\]/);
    expect(init.stdout).toContain('--features <f.npy>');
    for (const name of ['export', 'history', 'serve', 'token', 'trainer', 'demo']) {
      let stdout = '';
      const code = await runCli([name, '--help'], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: work, env: {} });
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: patchwork ${name}`));
    }
  });

  it('init with features and labels, then export reproduces labels.csv byte for byte', async () => {
    const init = await runPatchwork(
      ['init', 'proj', '--images', 'list.txt', '--classes', 'cat,dog', '--features', 'features.npy', '--labels', 'labels.csv'],
      { cwd: work },
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/created project proj-[0-9a-f]{8} .*5 images, 2 classes \(cat, dog\), features float32 \(5, 3, 3, 2\), 5 rows imported from labels\.csv \(7 label cells\)/);
    const config = JSON.parse(readFileSync(join(work, 'proj', 'patchwork.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ format: 1, classes: ['cat', 'dog'], imageCount: 5, features: { dtype: 'float32', shape: [5, 3, 3, 2] } });

    const exported = await runPatchwork(['export', 'proj'], { cwd: work });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(LABELS);

  });

  it('history lists the imported events; export --as-of before any edit is unlabelled', async () => {
    const history = await runPatchwork(['history', 'proj'], { cwd: work });
    expect(history.code).toBe(0);
    const rows = parseCsv(history.stdout).map((r) => r.fields);
    expect(rows[0]).toEqual(['time', 'annotator', 'row', 'filepath', 'field', 'value', 'dwell_ms']);
    const events = rows.slice(1).map(([, by, row, path, field, value]) => `${by} ${row} ${path} ${field}=${value}`);
    expect(events.sort()).toEqual(
      [
        'import 0 img/a.png exclude=True',
        'import 1 img/b, with comma.png validation=True',
        'import 1 img/b, with comma.png cat=1.0',
        'import 1 img/b, with comma.png dog=0.0',
        'import 2 img/c "quoted".png cat=0.0',
        'import 2 img/c "quoted".png dog=1.0',
        'import 3 img/d.png cat=1.0',
      ].sort(),
    );
    const time = rows[1]?.[0] as string;
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const before = new Date(Date.parse(time) - 1).toISOString();
    const past = await runPatchwork(['export', 'proj', '--as-of', before], { cwd: work });
    expect(past.code).toBe(0);
    const lines = past.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).every((line) => line.endsWith(',False,False,,'))).toBe(true);
    const atImport = await runPatchwork(['export', 'proj', '--as-of', time, '--out', 'at-import.csv'], { cwd: work });
    expect(atImport.code).toBe(0);
    expect(atImport.stdout).toBe('');
    expect(readFileSync(join(work, 'at-import.csv'), 'utf8')).toBe(LABELS);
  });

  it('takes images and classes from --labels and keeps a subset column in its place', async () => {
    const text = 'filepath,exclude,validation,cat,subset\nimg/a.png,False,False,1.0,north\nimg/d.png,True,False,,"south, far"\n';
    writeFileSync(join(work, 'subset.csv'), text);
    const init = await runPatchwork(['init', 'sub', '--labels', 'subset.csv'], { cwd: work });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const exported = await runPatchwork(['export', 'sub'], { cwd: work });
    expect(exported.stdout).toBe(text);
  });
});
