// Small project inputs written to a temporary directory: image files, an image list, labels.csv
// files and .npy feature files (valid and broken), for project and CLI tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy, type NpyDtype } from '../../shared/npy/index.ts';

/** A fresh temporary directory. */
export function createTempDir(prefix = 'patchwork-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes empty image files and a list of their paths (relative to `dir`); returns the list path. */
export function writeImageFiles(dir: string, names: readonly string[], listName = 'list.txt'): string {
  for (const name of names) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
  }
  const list = join(dir, listName);
  writeFileSync(list, names.join('\n') + '\n');
  return list;
}

/** Writes a .npy file of `shape` filled with row-dependent values; returns its path. */
export function writeNpyFile(path: string, shape: readonly number[], dtype: NpyDtype = '<f4'): string {
  const count = shape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: count }, (_, i) => (i % 97) / 97);
  writeFileSync(path, encodeNpy(data, shape, dtype));
  return path;
}
