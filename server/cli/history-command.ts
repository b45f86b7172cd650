// `patchwork history <dir>`: every label event (time, annotator, row, path, field, value, dwell)
// as events.csv, to a file or stdout.
import type { CommandSpec } from './command-spec.ts';
import { writeOutput } from './output.ts';

/** The history command. */
export const historyCommand: CommandSpec = {
  name: 'history',
  summary: 'write every label event (time, annotator, row, field, value, dwell) as events.csv',
  positionals: [{ name: 'dir', description: 'project directory', required: true }],
  options: [{ name: 'out', type: 'string', placeholder: 'events.csv', description: 'output file (default: stdout)' }],
  async run({ positionals, options }, io) {
    // Loaded on use, so help and argument errors stay fast and independent of the storage stack.
    const { exportHistoryCsv, loadLabelsDocument, openProject } = await import('../project/index.ts');
    const project = openProject(positionals['dir'] as string, io.cwd);
    const doc = loadLabelsDocument(project.paths.storage, project.config.projectId);
    try {
      writeOutput(exportHistoryCsv(project, doc), options['out'], io);
    } finally {
      doc.destroy();
    }
    return 0;
  },
};
