// The files of a project directory (docs/project-layout.md) and the Yjs room names derived from
// the project id. One place for every name, so the relay, the CLI and the trainer agree.
import { join } from 'node:path';
import { STORAGE_FILE_NAME } from '../storage/index.ts';

/** Version of the project directory layout, stored in patchwork.json as `format`. */
export const PROJECT_FORMAT_VERSION = 1;
/** Project description (JSON); its presence marks a directory as a project. */
export const PROJECT_FILE = 'patchwork.json';
/** Image list: one path per line, relative to the image root (or absolute), in row order. */
export const IMAGES_FILE = 'images.txt';
/** Extra protected columns of an imported labels.csv (`subset`, `viewpath`), one row per image. */
export const EXTRA_COLUMNS_FILE = 'columns.csv';
/** Directory for derived, disposable data (thumbnails, pooled features …). */
export const CACHE_DIR = 'cache';
/** The relay's SQLite database: update logs of both rooms, tokens, blobs. */
export const STORAGE_FILE = STORAGE_FILE_NAME;

/** Absolute paths of a project's files. */
export interface ProjectPaths {
  readonly dir: string;
  readonly config: string;
  readonly images: string;
  readonly extraColumns: string;
  readonly cache: string;
  readonly storage: string;
}

/** Paths of the project files inside `dir` (an absolute directory). */
export function projectPaths(dir: string): ProjectPaths {
  return {
    dir,
    config: join(dir, PROJECT_FILE),
    images: join(dir, IMAGES_FILE),
    extraColumns: join(dir, EXTRA_COLUMNS_FILE),
    cache: join(dir, CACHE_DIR),
    storage: join(dir, STORAGE_FILE),
  };
}

/** Room of the labels document. */
export function labelsRoom(projectId: string): string {
  return projectId;
}

/** Room of the model document (trainer outputs and jobs). */
export function modelRoom(projectId: string): string {
  return `${projectId}/model`;
}
