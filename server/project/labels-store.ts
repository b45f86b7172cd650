// The project's labels document in its SQLite storage: created at init (meta + the imported
// labels as compact bulk blocks), loaded for export and history. Room names come from layout.ts.
import * as Y from 'yjs';
import { EventWriter, HybridClock, initLabelsDoc } from '../../shared/labels/index.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { labelsRoom } from './layout.ts';
import { ProjectError } from './project-error.ts';

/** Annotator name of the events written by a labels.csv import. */
export const IMPORT_ANNOTATOR = 'import';

/** What a new labels document is created from. */
export interface NewLabelsDoc {
  readonly projectId: string;
  readonly classes: readonly string[];
  readonly imageCount: number;
  readonly manifest: string;
  /** Labels to import (image order, project classes), or null for none. */
  readonly table: LabelTable | null;
  /** Wall clock for the import's timestamp. */
  readonly now: () => number;
}

/**
 * Creates the labels document and stores it as the first update of the labels room in the
 * project database at `storagePath`. Returns the number of imported cells.
 */
export function createLabelsDocument(storagePath: string, init: NewLabelsDoc): number {
  const doc = new Y.Doc();
  try {
    initLabelsDoc(doc, { projectId: init.projectId, classes: init.classes, imageCount: init.imageCount, manifest: init.manifest });
    let cells = 0;
    if (init.table) {
      const writer = new EventWriter(doc, IMPORT_ANNOTATOR, new HybridClock(init.now));
      cells = writer.importTable(init.table, { source: 'import' });
    }
    const storage = openStorage(storagePath);
    try {
      storage.storeUpdate(labelsRoom(init.projectId), Y.encodeStateAsUpdate(doc));
    } finally {
      storage.close();
    }
    return cells;
  } finally {
    doc.destroy();
  }
}

/**
 * Loads the labels document of a project (snapshot + stored updates). Destroy it when done. A
 * database that cannot be opened or read (corrupt, locked, newer layout) is a ProjectError.
 */
export function loadLabelsDocument(storagePath: string, projectId: string): Y.Doc {
  let storage: Storage;
  try {
    storage = openStorage(storagePath);
  } catch (error) {
    throw new ProjectError(`cannot open the project database ${storagePath}: ${(error as Error).message}`);
  }
  try {
    return storage.loadDoc(labelsRoom(projectId));
  } catch (error) {
    throw new ProjectError(`cannot read the labels from ${storagePath}: ${(error as Error).message}`);
  } finally {
    storage.close();
  }
}
