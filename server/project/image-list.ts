// The image list: one path per line (relative to the image root, or absolute), in row order. Read
// from the user's list file at init, stored as images.txt, hashed into the document's manifest.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ProjectError } from './project-error.ts';

/** Largest number of images a project may hold (the labels document's limit). */
export const MAX_PROJECT_IMAGES = 50_000_000;

/**
 * Splits an image list into paths: LF or CRLF lines, a UTF-8 BOM ignored, blank lines skipped,
 * other whitespace kept (it can be part of a file name). Duplicates and an empty list are errors.
 */
export function parseImageList(text: string, where: string): string[] {
  const paths: string[] = [];
  const seen = new Map<string, number>();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  lines.forEach((raw, index) => {
    const path = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (path.trim() === '') return;
    const first = seen.get(path);
    if (first !== undefined) throw new ProjectError(`${where} line ${index + 1}: "${path}" is listed twice (first on line ${first})`);
    seen.set(path, index + 1);
    paths.push(path);
  });
  if (paths.length === 0) throw new ProjectError(`${where}: the image list is empty`);
  if (paths.length > MAX_PROJECT_IMAGES) throw new ProjectError(`${where}: ${paths.length} images is more than the ${MAX_PROJECT_IMAGES} a project can hold`);
  return paths;
}

/** images.txt content for a list of paths (LF line ends, trailing newline). */
export function formatImageList(paths: readonly string[]): string {
  for (const path of paths) {
    if (/[\r\n]/.test(path)) throw new ProjectError(`image path "${path.replace(/\r?\n/g, '\\n')}" contains a line break`);
  }
  return paths.join('\n') + '\n';
}

/** sha256 (hex) of the stored image list: the labels document's `manifest`. */
export function imageListManifest(imagesTxt: string): string {
  return createHash('sha256').update(imagesTxt, 'utf8').digest('hex');
}

/** Absolute path of an image. */
export function resolveImagePath(imageRoot: string, path: string): string {
  return isAbsolute(path) ? path : resolve(imageRoot, path);
}

/** Throws a ProjectError when images are missing under the root (names the first and the count). */
export function checkImagesExist(imageRoot: string, paths: readonly string[]): void {
  let missing = 0;
  let first = '';
  for (const path of paths) {
    if (!existsSync(resolveImagePath(imageRoot, path))) {
      if (missing === 0) first = path;
      missing++;
    }
  }
  if (missing > 0) {
    throw new ProjectError(
      `${missing} of ${paths.length} images not found under the image root ${imageRoot} (first: "${first}"); use --image-root <dir>`,
    );
  }
}
