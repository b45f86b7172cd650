// `patchwork export <dir>`: the label table as labels.csv in the original's format, optionally
// as it was at a past moment (--as-of), to a file or stdout.
import type { CommandSpec } from './command-spec.ts';
import { writeOutput } from './output.ts';
import { UsageError } from './user-error.ts';

/** Parses an ISO-8601 time (`2026-03-01`, `2026-03-01T12:00:00Z`, with offset) to ms since epoch. */
export function parseIsoTime(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--as-of "${text}" is not an ISO-8601 time (e.g. 2026-03-01T12:00:00Z)`);
  return ms;
}

/** The export command. */
export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'write the label table as labels.csv (the original patchwork\'s format)',
  details: 'Columns filepath, exclude, validation, <classes…> (subset kept), True/False, 1.0/0.0, empty = unlabelled.',
  positionals: [{ name: 'dir', description: 'project directory', required: true }],
  options: [
    { name: 'out', type: 'string', placeholder: 'labels.csv', description: 'output file (default: stdout)' },
    { name: 'as-of', type: 'string', placeholder: 'ISO-8601 time', description: 'the labels as they were at that moment' },
  ],
  async run({ positionals, options }, io) {
    // Loaded on use, so help and argument errors stay fast and independent of the storage stack.
    const { exportLabelsCsv, loadLabelsDocument, openProject } = await import('../project/index.ts');
    const asOf = options['as-of'] === undefined ? undefined : parseIsoTime(options['as-of']);
    const project = openProject(positionals['dir'] as string, io.cwd);
    const doc = loadLabelsDocument(project.paths.storage, project.config.projectId);
    try {
      writeOutput(exportLabelsCsv(project, doc, asOf === undefined ? {} : { asOf }), options['out'], io);
    } finally {
      doc.destroy();
    }
    return 0;
  },
};
