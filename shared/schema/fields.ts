// Field numbering shared by every reader and writer of the labels document: an event names the
// cell it edits by (row, field), where field 0 is `exclude`, 1 is `validation` and 2 + c is class c.
// Classes are append-only, so a field number never changes meaning once written.

/** Field number of the `exclude` flag. */
export const FIELD_EXCLUDE = 0;
/** Field number of the `validation` flag. */
export const FIELD_VALIDATION = 1;
/** Field number of class 0; class c has field CLASS_FIELD_OFFSET + c. */
export const CLASS_FIELD_OFFSET = 2;

/** Column names of the label table that are never classes (patchwork's protected names). */
export const RESERVED_COLUMN_NAMES: readonly string[] = ['filepath', 'exclude', 'validation', 'subset', 'viewpath'];

/** Stored value of a class cell: -1 unlabelled (None), 0 does not contain, 1 contains. */
export type ClassValue = -1 | 0 | 1;
/** Stored value of a flag cell (`exclude`, `validation`): 0 false, 1 true. */
export type FlagValue = 0 | 1;

/** Field number for class index `c`. */
export function classField(c: number): number {
  return CLASS_FIELD_OFFSET + c;
}

/** Class index of a field number, or -1 for the two flags. */
export function fieldClass(field: number): number {
  return field >= CLASS_FIELD_OFFSET ? field - CLASS_FIELD_OFFSET : -1;
}

/** Human name of a field (`exclude`, `validation` or the class name), or undefined when out of range. */
export function fieldName(field: number, classes: readonly string[]): string | undefined {
  if (field === FIELD_EXCLUDE) return 'exclude';
  if (field === FIELD_VALIDATION) return 'validation';
  return classes[field - CLASS_FIELD_OFFSET];
}

/** Field number for a name (`exclude`, `validation` or a class), or -1 when unknown. */
export function fieldNumber(name: string, classes: readonly string[]): number {
  if (name === 'exclude') return FIELD_EXCLUDE;
  if (name === 'validation') return FIELD_VALIDATION;
  const c = classes.indexOf(name);
  return c < 0 ? -1 : classField(c);
}

/**
 * Why a class name is not acceptable, or null when it is. Names must be non-empty, trimmed, at most
 * 128 characters, free of commas, quotes and line breaks (they become CSV headers), and not one of
 * the reserved column names.
 */
export function classNameProblem(name: string): string | null {
  if (name.length === 0) return 'a class name is empty';
  if (name !== name.trim()) return `class name "${name}" has leading or trailing spaces`;
  if (name.length > 128) return `class name "${name.slice(0, 20)}…" is longer than 128 characters`;
  if (/[,"\r\n]/.test(name)) return `class name "${name}" contains a comma, quote or line break`;
  if (RESERVED_COLUMN_NAMES.includes(name)) return `"${name}" is a reserved column name and cannot be a class`;
  if (/^Unnamed: \d+$/.test(name)) return `"${name}" is how pandas names an index column and cannot be a class`;
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') return `"${name}" cannot be a class name`;
  return null;
}

/** Why a whole class list is not acceptable (bad name or duplicate), or null. */
export function classListProblem(names: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const problem = classNameProblem(name);
    if (problem) return problem;
    if (seen.has(name)) return `class "${name}" is listed twice`;
    seen.add(name);
  }
  return null;
}
