// patchwork.json: what a project is (id, classes at creation, images, features, extractor) and
// its validation when a project is opened. Paths in it are absolute.
import { readFileSync, writeFileSync } from 'node:fs';
import { classListProblem } from '../../shared/schema/fields.ts';
import { IMAGES_FILE, PROJECT_FILE, PROJECT_FORMAT_VERSION } from './layout.ts';
import { ProjectError } from './project-error.ts';

/** The pre-extracted features of a project (rows in image order). */
export interface FeaturesConfig {
  /** Absolute path of the .npy file. */
  readonly path: string;
  readonly dtype: 'float32' | 'float16';
  /** (N, d) or (N, h, w, c). */
  readonly shape: readonly number[];
}

/** Contents of patchwork.json. */
export interface ProjectConfig {
  /** Layout version (PROJECT_FORMAT_VERSION). */
  readonly format: number;
  /** Project id; the labels room is `<id>`, the model room `<id>/model`. */
  readonly projectId: string;
  /** ISO-8601 creation time. */
  readonly createdAt: string;
  /** Classes at creation (the labels document's meta.classes may have grown since). */
  readonly classes: readonly string[];
  /** Number of images (rows). */
  readonly imageCount: number;
  /** File name of the image list inside the project (always images.txt). */
  readonly imageList: string;
  /** Absolute directory that relative image paths are resolved against. */
  readonly imageRoot: string;
  /** sha256 (hex) of images.txt, also stored as the labels document's manifest. */
  readonly manifest: string;
  readonly features: FeaturesConfig | null;
  /** Absolute path of a TensorFlow.js model.json feature extractor. */
  readonly extractor: { readonly path: string } | null;
  /** Column order of the imported labels.csv, reused by export (null: the default order). */
  readonly labelsColumns: readonly string[] | null;
  /** Names of the extra columns kept in columns.csv (e.g. ["subset"]). */
  readonly extraColumns: readonly string[];
}

/** Writes patchwork.json (pretty-printed, trailing newline). */
export function writeProjectConfig(path: string, config: ProjectConfig): void {
  writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
}

/** Reads and validates patchwork.json; every problem is a ProjectError naming the field. */
export function readProjectConfig(path: string): ProjectConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateProjectConfig(json, path);
}

/** Checks the shape of a parsed patchwork.json. */
export function validateProjectConfig(json: unknown, where = PROJECT_FILE): ProjectConfig {
  const bad = (why: string): ProjectError => new ProjectError(`${where}: ${why}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('not a JSON object');
  const o = json as Record<string, unknown>;
  if (o['format'] !== PROJECT_FORMAT_VERSION) {
    throw bad(`unsupported project format ${JSON.stringify(o['format'])} (this patchwork reads format ${PROJECT_FORMAT_VERSION})`);
  }
  const str = (key: string): string => {
    const value = o[key];
    if (typeof value !== 'string' || value.length === 0) throw bad(`"${key}" must be a non-empty string`);
    return value;
  };
  const strings = (key: string): string[] => {
    const value = o[key];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw bad(`"${key}" must be a list of strings`);
    return value as string[];
  };
  const classes = strings('classes');
  const classProblem = classListProblem(classes);
  if (classProblem) throw bad(classProblem);
  const imageCount = o['imageCount'];
  if (typeof imageCount !== 'number' || !Number.isInteger(imageCount) || imageCount < 1) throw bad('"imageCount" must be a positive integer');
  if (str('imageList') !== IMAGES_FILE) throw bad(`"imageList" must be "${IMAGES_FILE}"`);
  if (!/^[0-9a-f]{64}$/.test(str('manifest'))) throw bad('"manifest" must be a sha256 hex digest');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(str('projectId'))) throw bad('"projectId" must be 1-64 letters, digits, - or _');
  let features: FeaturesConfig | null = null;
  if (o['features'] !== null && o['features'] !== undefined) {
    const f = o['features'] as Record<string, unknown>;
    const shape = f['shape'];
    if (typeof f['path'] !== 'string' || (f['dtype'] !== 'float32' && f['dtype'] !== 'float16') || !Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw bad('"features" must be {path, dtype: float32|float16, shape}');
    }
    features = { path: f['path'], dtype: f['dtype'], shape: shape as number[] };
  }
  let extractor: { path: string } | null = null;
  if (o['extractor'] !== null && o['extractor'] !== undefined) {
    const e = o['extractor'] as Record<string, unknown>;
    if (typeof e['path'] !== 'string') throw bad('"extractor" must be {path}');
    extractor = { path: e['path'] };
  }
  return {
    format: PROJECT_FORMAT_VERSION,
    projectId: str('projectId'),
    createdAt: str('createdAt'),
    classes,
    imageCount,
    imageList: IMAGES_FILE,
    imageRoot: str('imageRoot'),
    manifest: str('manifest'),
    features,
    extractor,
    labelsColumns: o['labelsColumns'] === null || o['labelsColumns'] === undefined ? null : strings('labelsColumns'),
    extraColumns: o['extraColumns'] === undefined ? [] : strings('extraColumns'),
  };
}
