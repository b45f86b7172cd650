// Opening an existing project directory: patchwork.json, the image list and the extra columns,
// checked against each other (count and manifest) so a tampered directory is caught early.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExtraColumn } from '../../shared/csv/index.ts';
import { readExtraColumns } from './extra-columns.ts';
import { checkImagesExist, imageListManifest, parseImageList } from './image-list.ts';
import { validateExtractor } from './init-inputs.ts';
import { projectPaths, type ProjectPaths } from './layout.ts';
import { validateFeatureFile } from './npy-file.ts';
import { readProjectConfig, type ProjectConfig } from './project-config.ts';
import { ProjectError } from './project-error.ts';

/** An opened project: its configuration and files. */
export interface Project {
  readonly dir: string;
  readonly paths: ProjectPaths;
  readonly config: ProjectConfig;
  /** Image paths in row order, as listed in images.txt. */
  readonly imagePaths: readonly string[];
  /** Extra columns (`subset` …) kept from an imported labels.csv. */
  readonly extraColumns: readonly ExtraColumn[];
}

/**
 * Opens the project in `dir`: reads patchwork.json and images.txt and checks that the image count
 * and manifest agree, and that the database exists. Throws ProjectError otherwise.
 */
export function openProject(dir: string, cwd = process.cwd()): Project {
  const abs = resolve(cwd, dir);
  const paths = projectPaths(abs);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new ProjectError(`${abs}: no such directory`);
  if (!existsSync(paths.config)) {
    throw new ProjectError(`${abs} is not a patchwork project (no patchwork.json); create one with patchwork init`);
  }
  const config = readProjectConfig(paths.config);
  if (!existsSync(paths.images)) throw new ProjectError(`${paths.images} is missing`);
  const imagesTxt = readFileSync(paths.images, 'utf8');
  if (imageListManifest(imagesTxt) !== config.manifest) {
    throw new ProjectError(`${paths.images} was changed after the project was created (its sha256 no longer matches patchwork.json)`);
  }
  const imagePaths = parseImageList(imagesTxt, paths.images);
  if (imagePaths.length !== config.imageCount) {
    throw new ProjectError(`${paths.images} lists ${imagePaths.length} images, patchwork.json says ${config.imageCount}`);
  }
  if (!existsSync(paths.storage)) throw new ProjectError(`${paths.storage} is missing (the project's label database)`);
  const extraColumns = readExtraColumns(paths.extraColumns, config.extraColumns, imagePaths.length);
  return { dir: abs, paths, config, imagePaths, extraColumns };
}

/**
 * Deep check of an opened project's external files: every image exists, the feature file's header
 * still matches (dtype, shape, rows = images, size) and the extractor is intact. Returns the
 * problems found (empty when all is well).
 */
export function checkProjectFiles(project: Project): string[] {
  const problems: string[] = [];
  const attempt = (check: () => void): void => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      problems.push(error.message);
    }
  };
  attempt(() => checkImagesExist(project.config.imageRoot, project.imagePaths));
  const { features, extractor } = project.config;
  if (features) {
    attempt(() => {
      const found = validateFeatureFile(features.path, project.config.imageCount);
      if (found.dtype !== features.dtype || found.shape.join() !== features.shape.join()) {
        throw new ProjectError(`${features.path}: now ${found.dtype} (${found.shape.join(', ')}), was ${features.dtype} (${features.shape.join(', ')}) at init`);
      }
    });
  }
  if (extractor) attempt(() => void validateExtractor(extractor.path));
  return problems;
}
