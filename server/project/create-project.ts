// `init`: checks every input first (classes, images, labels.csv, features header, extractor), then
// writes the project directory and its labels document. Nothing is left behind when it fails.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { formatIsoTime } from '../../shared/csv/index.ts';
import { writeExtraColumns } from './extra-columns.ts';
import { checkImagesExist, formatImageList, imageListManifest } from './image-list.ts';
import { parseClassList, readImageListFile, readLabelsFile, validateExtractor } from './init-inputs.ts';
import { alignLabelsToImages } from './labels-import.ts';
import { createLabelsDocument } from './labels-store.ts';
import { PROJECT_FORMAT_VERSION, projectPaths, type ProjectPaths } from './layout.ts';
import { validateFeatureFile } from './npy-file.ts';
import { writeProjectConfig, type ProjectConfig } from './project-config.ts';
import { ProjectError } from './project-error.ts';

/** Inputs of createProject; paths are resolved against `cwd`. */
export interface CreateProjectOptions {
  readonly dir: string;
  /** Image list file (one path per line). Optional when `labels` is given: its paths are used. */
  readonly images?: string;
  /** Comma-separated class names. Optional when `labels` is given: its class columns are used. */
  readonly classes?: string;
  readonly features?: string;
  readonly extractor?: string;
  readonly labels?: string;
  /** Directory relative image paths are resolved against (default: the list's directory). */
  readonly imageRoot?: string;
  /** Check every image file exists (default true). */
  readonly checkImages?: boolean;
  readonly cwd?: string;
  /** Wall clock (ms since epoch). */
  readonly now?: () => number;
}

/** What createProject made. */
export interface CreatedProject {
  readonly dir: string;
  readonly config: ProjectConfig;
  /** Label cells imported from labels.csv (0 without one). */
  readonly importedCells: number;
  /** labels.csv rows imported. */
  readonly importedRows: number;
}

/**
 * Creates a project directory (docs/project-layout.md). Every input is validated before the first
 * write; a failure afterwards removes what was written.
 *
 * @example
 * createProject({ dir: 'birds', images: 'list.txt', classes: 'heron,egret', features: 'f.npy' });
 */
export function createProject(options: CreateProjectOptions): CreatedProject {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? Date.now;
  const at = (path: string): string => resolve(cwd, path);
  const dir = at(options.dir);
  const paths = projectPaths(dir);
  checkTarget(paths);
  if (!options.images && !options.labels) throw new ProjectError('give --images <list.txt> (or --labels <labels.csv> to take the images from it)');
  if (!options.classes && !options.labels) throw new ProjectError('give --classes <a,b,c> (or --labels <labels.csv> to take the classes from it)');

  let classes = options.classes !== undefined ? parseClassList(options.classes) : undefined;
  const labelsPath = options.labels ? at(options.labels) : undefined;
  const frame = labelsPath ? readLabelsFile(labelsPath, classes) : undefined;
  if (!classes) classes = [...(frame?.table.classes ?? [])];
  if (classes.length === 0) throw new ProjectError(`${labelsPath}: no class columns; give --classes <a,b,c>`);

  const listPath = options.images ? at(options.images) : undefined;
  const imagePaths = listPath ? readImageListFile(listPath) : checkCsvPaths(frame?.filepaths ?? [], labelsPath ?? '');
  const imageRoot = options.imageRoot ? at(options.imageRoot) : dirname(listPath ?? labelsPath ?? dir);
  if (options.imageRoot && !(existsSync(imageRoot) && statSync(imageRoot).isDirectory())) {
    throw new ProjectError(`--image-root ${imageRoot}: no such directory`);
  }
  if (options.checkImages !== false) checkImagesExist(imageRoot, imagePaths);
  const features = options.features ? validateFeatureFile(at(options.features), imagePaths.length) : null;
  const extractor = options.extractor ? { path: validateExtractor(at(options.extractor)) } : null;
  const aligned = frame && labelsPath ? alignLabelsToImages(frame, imagePaths, imageRoot, labelsPath) : undefined;

  const imagesTxt = formatImageList(imagePaths);
  const config: ProjectConfig = {
    format: PROJECT_FORMAT_VERSION,
    projectId: createProjectId(dir),
    createdAt: formatIsoTime(now()),
    classes,
    imageCount: imagePaths.length,
    imageList: 'images.txt',
    imageRoot,
    manifest: imageListManifest(imagesTxt),
    features,
    extractor,
    labelsColumns: frame ? [...frame.columns] : null,
    extraColumns: aligned ? aligned.extraColumns.map((c) => c.name) : [],
  };

  const createdDir = !existsSync(dir);
  try {
    mkdirSync(paths.cache, { recursive: true });
    writeFileSync(paths.images, imagesTxt);
    if (aligned) writeExtraColumns(paths.extraColumns, aligned.extraColumns, imagePaths.length);
    const importedCells = createLabelsDocument(paths.storage, {
      projectId: config.projectId,
      classes,
      imageCount: imagePaths.length,
      manifest: config.manifest,
      table: aligned?.table ?? null,
      now,
    });
    writeProjectConfig(paths.config, config);
    return { dir, config, importedCells, importedRows: aligned?.matchedRows ?? 0 };
  } catch (error) {
    removeCreated(paths, createdDir);
    throw error;
  }
}

function checkTarget(paths: ProjectPaths): void {
  if (!existsSync(paths.dir)) return;
  if (!statSync(paths.dir).isDirectory()) throw new ProjectError(`${paths.dir} exists and is not a directory`);
  if (existsSync(paths.config)) throw new ProjectError(`${paths.dir} is already a patchwork project (it has patchwork.json)`);
  for (const file of [paths.storage, paths.images, paths.extraColumns]) {
    if (existsSync(file)) throw new ProjectError(`${file} already exists; remove it or choose another directory`);
  }
}

function checkCsvPaths(paths: readonly string[], where: string): string[] {
  if (paths.length === 0) throw new ProjectError(`${where}: no rows, so no images; give --images <list.txt>`);
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) throw new ProjectError(`${where}: filepath "${path}" appears twice`);
    seen.add(path);
  }
  return [...paths];
}

/** A readable, unique project id: the directory name as a slug plus 8 random hex digits. */
function createProjectId(dir: string): string {
  const slug = basename(dir).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${slug || 'project'}-${randomBytes(4).toString('hex')}`;
}

function removeCreated(paths: ProjectPaths, createdDir: boolean): void {
  if (createdDir) {
    rmSync(paths.dir, { recursive: true, force: true });
    return;
  }
  for (const file of [paths.images, paths.extraColumns, paths.storage, `${paths.storage}-wal`, `${paths.storage}-shm`]) {
    rmSync(file, { force: true });
  }
  if (existsSync(paths.cache) && readdirSync(paths.cache).length === 0) rmSync(paths.cache, { recursive: true, force: true });
}
