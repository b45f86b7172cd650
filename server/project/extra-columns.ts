// columns.csv: the extra protected columns of an imported labels.csv (`subset`, `viewpath`), kept
// verbatim in image order so that export writes them back in their place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CsvError, formatCsvRecord, parseCsv, type ExtraColumn } from '../../shared/csv/index.ts';
import { ProjectError } from './project-error.ts';

/** Writes the extra columns (header = names, one record per image). No file when there are none. */
export function writeExtraColumns(path: string, columns: readonly ExtraColumn[], rowCount: number): void {
  if (columns.length === 0) return;
  const lines = [formatCsvRecord(columns.map((c) => c.name))];
  for (let row = 0; row < rowCount; row++) lines.push(formatCsvRecord(columns.map((c) => c.values[row] ?? '')));
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Reads the extra columns back; `names` (from patchwork.json) must match the header. */
export function readExtraColumns(path: string, names: readonly string[], rowCount: number): ExtraColumn[] {
  if (names.length === 0) return [];
  if (!existsSync(path)) throw new ProjectError(`${path} is missing (patchwork.json lists extra columns ${names.join(', ')})`);
  let records;
  try {
    records = parseCsv(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof CsvError) throw new ProjectError(`${path}: ${error.message}`);
    throw error;
  }
  const header = records[0]?.fields ?? [];
  if (header.join(',') !== names.join(',')) throw new ProjectError(`${path}: header ${header.join(',')} does not match ${names.join(',')}`);
  if (records.length - 1 !== rowCount) throw new ProjectError(`${path}: ${records.length - 1} rows for ${rowCount} images`);
  return names.map((name, k) => ({ name, values: records.slice(1).map((r) => r.fields[k] ?? '') }));
}
