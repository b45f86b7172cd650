// Reading and checking the user's inputs to `init` before anything is written: class list, image
// list, labels.csv and feature extractor. Each problem is one ProjectError naming the file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CsvError, readLabelsCsv, type LabelFrame } from '../../shared/csv/index.ts';
import { classListProblem } from '../../shared/schema/fields.ts';
import { parseImageList } from './image-list.ts';
import { ProjectError } from './project-error.ts';

/** Reads a user-given text file, with a clear error when it is missing or a directory. */
export function readInputFile(path: string, what: string): string {
  if (!existsSync(path)) throw new ProjectError(`${what} ${path}: no such file`);
  if (statSync(path).isDirectory()) throw new ProjectError(`${what} ${path} is a directory, not a file`);
  return readFileSync(path, 'utf8');
}

/** Splits `--classes a,b,c` (names trimmed) and checks the list. */
export function parseClassList(text: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.length === 1 && names[0] === '') throw new ProjectError('--classes is empty; give at least one class, e.g. --classes cat,dog');
  const problem = classListProblem(names);
  if (problem) throw new ProjectError(`--classes: ${problem}`);
  return names;
}

/** Reads an image list file. */
export function readImageListFile(path: string): string[] {
  return parseImageList(readInputFile(path, 'image list'), path);
}

/** Reads and parses a labels.csv; with `classes`, its class columns must be among them. */
export function readLabelsFile(path: string, classes?: readonly string[]): LabelFrame {
  const text = readInputFile(path, 'labels file');
  try {
    return readLabelsCsv(text, classes ? { classes } : {});
  } catch (error) {
    if (error instanceof CsvError) throw new ProjectError(`${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Checks a TensorFlow.js model.json: valid JSON with a `modelTopology` and a `weightsManifest`
 * whose weight files exist next to it. Returns the absolute path.
 */
export function validateExtractor(path: string): string {
  const text = readInputFile(path, 'feature extractor');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ProjectError(`feature extractor ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || !json['modelTopology'] || !Array.isArray(json['weightsManifest'])) {
    throw new ProjectError(`feature extractor ${path}: not a TensorFlow.js model.json (needs modelTopology and weightsManifest)`);
  }
  for (const group of json['weightsManifest'] as Array<{ paths?: unknown }>) {
    for (const file of Array.isArray(group?.paths) ? group.paths : []) {
      const weights = resolve(dirname(path), String(file));
      if (!existsSync(weights)) throw new ProjectError(`feature extractor ${path}: weight file ${weights} is missing`);
    }
  }
  return path;
}
