// Exports of a project's labels document: labels.csv (the original's format, optionally as of a
// moment) and events.csv (every event). Shared by the CLI and the relay's HTTP endpoints.
import type * as Y from 'yjs';
import { writeHistoryCsv, writeLabelsCsv } from '../../shared/csv/index.ts';
import { foldDoc, readEvents, readMeta } from '../../shared/labels/index.ts';
import type { Project } from './open-project.ts';
import { ProjectError } from './project-error.ts';

/** Options of exportLabelsCsv. */
export interface ExportLabelsOptions {
  /** Only events with a timestamp ≤ asOf (ms since epoch) count. */
  readonly asOf?: number;
}

/**
 * labels.csv text of the document: the imported column order (with classes added since at the
 * end), extra columns kept, every image row in list order.
 */
export function exportLabelsCsv(project: Project, doc: Y.Doc, options: ExportLabelsOptions = {}): string {
  const { table, meta } = foldDoc(doc, options.asOf === undefined ? {} : { asOf: options.asOf });
  checkMeta(project, meta?.imageCount);
  return writeLabelsCsv({
    filepaths: project.imagePaths,
    table,
    extraColumns: project.extraColumns,
    columns: project.config.labelsColumns ?? ['filepath', 'exclude', 'validation', ...project.extraColumns.map((c) => c.name), ...table.classes],
  });
}

/** events.csv text: every event sorted by (timestamp, annotator, position). */
export function exportHistoryCsv(project: Project, doc: Y.Doc): string {
  const meta = readMeta(doc);
  checkMeta(project, meta?.imageCount);
  const { events } = readEvents(doc);
  return writeHistoryCsv(events, project.imagePaths, meta?.classes ?? []);
}

function checkMeta(project: Project, imageCount: number | undefined): void {
  if (imageCount === undefined) throw new ProjectError(`${project.paths.storage}: the labels document is missing`);
  if (imageCount !== project.imagePaths.length) {
    throw new ProjectError(`${project.paths.storage}: the labels document has ${imageCount} images, images.txt ${project.imagePaths.length}`);
  }
}
