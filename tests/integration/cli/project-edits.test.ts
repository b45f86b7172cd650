// Export and history after annotators edit a project: edits stored as Yjs updates in the project
// database (as the relay stores them) show up in labels.csv, in events.csv with annotator and
// dwell, and `--as-of` between edits gives the table of that moment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/index.ts';
import { EventWriter, HybridClock } from '../../../shared/labels/index.ts';
import { classField, FIELD_EXCLUDE } from '../../../shared/schema/fields.ts';
import { runCli } from '../../../server/cli/index.ts';
import { createProject, labelsRoom, openProject } from '../../../server/project/index.ts';
import { openStorage } from '../../../server/storage/index.ts';
import { createTempDir, writeImageFiles } from '../../helpers/project-fixtures.ts';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

/** Appends one annotator's edits to the stored labels document at a fixed wall-clock time. */
function storeEdits(dir: string, annotator: string, at: number, edits: Parameters<EventWriter['append']>[0]): void {
  const project = openProject(dir);
  const storage = openStorage(project.paths.storage);
  try {
    const room = labelsRoom(project.config.projectId);
    const doc = storage.loadDoc(room);
    const before = Y.encodeStateVector(doc);
    new EventWriter(doc, annotator, new HybridClock(() => at)).append(edits);
    storage.storeUpdate(room, Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  } finally {
    storage.close();
  }
}

describe('export and history after edits', () => {
  it('reflect annotators\' edits, with dwell, and --as-of replays the past', async () => {
    const work = createTempDir();
    writeImageFiles(work, ['a.png', 'b.png', 'c.png']);
    writeFileSync(join(work, 'labels.csv'), 'filepath,exclude,validation,cat,dog\na.png,False,False,1.0,\n');
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
    createProject({ dir: 'p', images: 'list.txt', classes: 'cat,dog', labels: 'labels.csv', cwd: work, now: () => t0 });
    const dir = join(work, 'p');
    storeEdits(dir, 'alice', t0 + 60_000, [
      { row: 1, field: classField(1), value: 1, dwell: 1500 },
      { row: 0, field: classField(0), value: 0, dwell: 1500 },
    ]);
    storeEdits(dir, 'bob', t0 + 120_000, [{ row: 2, field: FIELD_EXCLUDE, value: 1, dwell: 800 }]);

    const now = await cli(['export', 'p'], work);
    expect(now.stderr).toBe('');
    expect(now.stdout).toBe('filepath,exclude,validation,cat,dog\na.png,False,False,0.0,\nb.png,False,False,,1.0\nc.png,True,False,,\n');
    const between = await cli(['export', 'p', '--as-of', '2026-01-01T12:01:30Z'], work);
    expect(between.stdout).toBe('filepath,exclude,validation,cat,dog\na.png,False,False,0.0,\nb.png,False,False,,1.0\nc.png,False,False,,\n');
    const atImport = await cli(['export', 'p', '--as-of', '2026-01-01T12:00:00Z'], work);
    expect(atImport.stdout).toBe('filepath,exclude,validation,cat,dog\na.png,False,False,1.0,\nb.png,False,False,,\nc.png,False,False,,\n');
    const before = await cli(['export', 'p', '--as-of', '2026-01-01'], work);
    expect(before.stdout).toBe('filepath,exclude,validation,cat,dog\na.png,False,False,,\nb.png,False,False,,\nc.png,False,False,,\n');

    const history = await cli(['history', 'p'], work);
    expect(history.code).toBe(0);
    const rows = parseCsv(history.stdout).map((r) => r.fields.join('|'));
    expect(rows).toEqual([
      'time|annotator|row|filepath|field|value|dwell_ms',
      '2026-01-01T12:00:00.000Z|import|0|a.png|cat|1.0|0',
      expect.stringMatching(/^2026-01-01T12:01:00\.000Z\|alice\|[01]\|/),
      expect.stringMatching(/^2026-01-01T12:01:00\.000Z\|alice\|[01]\|/),
      '2026-01-01T12:02:00.000Z|bob|2|c.png|exclude|True|800',
    ]);
    expect(rows).toContain('2026-01-01T12:01:00.000Z|alice|1|b.png|dog|1.0|1500');
    expect(rows).toContain('2026-01-01T12:01:00.000Z|alice|0|a.png|cat|0.0|1500');
  });
});
