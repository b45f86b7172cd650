// The project metadata map of the labels document: creating it once, reading it, and growing the
// append-only class list. Field numbers depend on class positions, so classes are never removed.
import * as Y from 'yjs';
import { classListProblem } from '../schema/fields.ts';
import { MAX_IMAGE_COUNT, META_FIELDS, META_KEY, SCHEMA_VERSION, type ProjectMeta } from './layout.ts';

/** What a new project's labels document is created with. */
export interface LabelsDocInit {
  readonly projectId: string;
  readonly classes: readonly string[];
  readonly imageCount: number;
  /** sha256 (hex) of the image list. */
  readonly manifest: string;
}

/** The meta root map of a labels document. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/**
 * Writes the meta map of a new labels document (one transaction). Throws on a bad class list or
 * image count, or when the document already has a schema.
 * @example initLabelsDoc(doc, { projectId: 'p1', classes: ['cat', 'dog'], imageCount: 100, manifest: sha })
 */
export function initLabelsDoc(doc: Y.Doc, init: LabelsDocInit, origin?: unknown): void {
  const problem = classListProblem(init.classes);
  if (problem) throw new Error(problem);
  if (!Number.isSafeInteger(init.imageCount) || init.imageCount < 0 || init.imageCount > MAX_IMAGE_COUNT) {
    throw new Error(`image count ${init.imageCount} is not an integer between 0 and ${MAX_IMAGE_COUNT}`);
  }
  if (typeof init.projectId !== 'string' || init.projectId.length === 0) throw new Error('project id is empty');
  const meta = getMetaMap(doc);
  if (meta.has(META_FIELDS.schema)) throw new Error('the labels document is already initialised');
  doc.transact(() => {
    const classes = new Y.Array<string>();
    classes.push([...init.classes]);
    meta.set(META_FIELDS.projectId, init.projectId);
    meta.set(META_FIELDS.imageCount, init.imageCount);
    meta.set(META_FIELDS.manifest, init.manifest);
    meta.set(META_FIELDS.classes, classes);
    meta.set(META_FIELDS.schema, SCHEMA_VERSION);
  }, origin);
}

/** The class names stored in meta, duplicates (from concurrent additions) collapsed to the first. */
function readClasses(value: unknown): string[] {
  if (!(value instanceof Y.Array)) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of value.toArray()) {
    if (typeof name !== 'string' || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/** Reads the project metadata, or null while the document has not been initialised (or synced). */
export function readMeta(doc: Y.Doc): ProjectMeta | null {
  const meta = getMetaMap(doc);
  const schema = meta.get(META_FIELDS.schema);
  const imageCount = meta.get(META_FIELDS.imageCount);
  if (typeof schema !== 'number' || typeof imageCount !== 'number') return null;
  if (!Number.isSafeInteger(imageCount) || imageCount < 0 || imageCount > MAX_IMAGE_COUNT) return null;
  const projectId = meta.get(META_FIELDS.projectId);
  const manifest = meta.get(META_FIELDS.manifest);
  return {
    projectId: typeof projectId === 'string' ? projectId : '',
    schema,
    classes: readClasses(meta.get(META_FIELDS.classes)),
    imageCount,
    manifest: typeof manifest === 'string' ? manifest : '',
  };
}

/**
 * Appends classes to the project (one transaction); names already present are skipped. Throws on an
 * invalid name or an uninitialised document. Returns the full class list afterwards.
 */
export function appendClasses(doc: Y.Doc, names: readonly string[], origin?: unknown): string[] {
  const meta = readMeta(doc);
  const classes = getMetaMap(doc).get(META_FIELDS.classes);
  if (!meta || !(classes instanceof Y.Array)) throw new Error('the labels document is not initialised');
  const fresh = names.filter((name, i) => !meta.classes.includes(name) && names.indexOf(name) === i);
  const problem = classListProblem([...meta.classes, ...fresh]);
  if (problem) throw new Error(problem);
  if (fresh.length > 0) doc.transact(() => classes.push(fresh), origin);
  return [...meta.classes, ...fresh];
}
