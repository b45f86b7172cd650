// The Label tab's view model: the sampled batch, the selected image, sampling settings, and every
// labelling action (buttons and keys call the same functions). Edits go through the labels bridge
// with the dwell time of the selected image; nothing here touches Yjs.
import { batch as batchSignals, computed, effect, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LabelsBridge } from '../bridge/labels-bridge.ts';
import { cellValue } from '../bridge/labels-bridge.ts';
import type { Peer } from '../bridge/presence-bridge.ts';
import type { LabelEdit } from '../../shared/labels/index.ts';
import type { ClassValue } from '../../shared/schema/fields.ts';
import { FIELD_EXCLUDE, FIELD_VALIDATION, classField } from '../../shared/schema/fields.ts';
import type { LabelTable } from '../../shared/table/label-table.ts';
import type { DwellTracker } from './dwell-tracker.ts';
import type { KeyAction } from './keymap.ts';
import type { SampleRequest, Sampler } from './sampler.ts';
import { createConflictWatch } from './conflict-watch.ts';
import type { SessionStore } from './session-store.ts';
import type { ConflictNotice } from './conflict-watch.ts';

/** Default grid side (4 × 4 = 16 images per batch, as in the original). */
export const DEFAULT_GRID_SIZE = 4;

/** None → 1 → 0 → None: what a digit key does to a class cell. */
export function cycleValue(value: ClassValue): ClassValue {
  return value === -1 ? 1 : value === 1 ? 0 : -1;
}

/** Sampling settings, one signal per control. */
export interface SamplingSettings {
  labelStatus: Signal<string>;
  excludeStatus: Signal<string>;
  subsetBy: Signal<string>;
  sortBy: Signal<string>;
  gridSize: Signal<number>;
}

/** The Label tab's state and actions. */
export interface LabelSession {
  readonly settings: SamplingSettings;
  /** Rows shown in the grid, in order. */
  readonly batch: ReadonlySignal<readonly number[]>;
  /** Index into `batch` of the selected image (0 after each sample). */
  readonly selected: ReadonlySignal<number>;
  readonly selectedRow: ReadonlySignal<number | null>;
  /** A short message for the status line (warnings, refusals). */
  readonly message: ReadonlySignal<string | null>;
  readonly conflict: ReadonlySignal<ConflictNotice | null>;
  readonly helpOpen: Signal<boolean>;
  readonly canEdit: boolean;
  sample(): void;
  select(index: number): void;
  move(delta: number): void;
  setClass(classIndex: number, value: ClassValue): void;
  cycleClass(classIndex: number): void;
  toggleExclude(): void;
  toggleValidation(): void;
  allZeros(): void;
  copyToAll(): void;
  undo(): void;
  handleKey(action: KeyAction): void;
  dispose(): void;
}

/** What the session needs from the rest of the app. */
export interface LabelSessionOptions {
  labels: LabelsBridge;
  sampler: Sampler;
  dwell: DwellTracker;
  canEdit: boolean;
  annotator: string;
  /** Other annotators (their current batches are skipped by sampling). */
  peers?: ReadonlySignal<readonly Peer[]>;
  /** Called with the batch and a guess at the next one, so their images can be prefetched. */
  prefetch?: (current: readonly number[], next: readonly number[]) => void;
  /** Publishes this browser's selection and batch to the other annotators. */
  publish?: (selection: number | null, batch: readonly number[]) => void;
  /** Keeps the batch, selection and settings across reloads (also while offline). */
  persist?: SessionStore;
}

/** Creates the Label tab's view model. */
export function createLabelSession(options: LabelSessionOptions): LabelSession {
  const { labels, dwell } = options;
  const settings: SamplingSettings = {
    labelStatus: signal('unlabeled'),
    excludeStatus: signal('not excluded'),
    subsetBy: signal('all'),
    sortBy: signal('random'),
    gridSize: signal(DEFAULT_GRID_SIZE),
  };
  const batch = signal<readonly number[]>([]);
  const selected = signal(0);
  const message = signal<string | null>(null);
  const helpOpen = signal(false);
  const selectedRow = computed(() => batch.value[selected.value] ?? null);
  const conflictWatch = createConflictWatch(labels, selectedRow, options.annotator);

  const table = (): LabelTable | null => labels.snapshot.peek()?.table ?? null;
  const request = (avoid: ReadonlySet<number>): SampleRequest => ({
    labelStatus: settings.labelStatus.peek(),
    excludeStatus: settings.excludeStatus.peek(),
    subsetBy: settings.subsetBy.peek(),
    sortBy: settings.sortBy.peek(),
    count: settings.gridSize.peek() ** 2,
    avoid,
  });
  const peerRows = (): Set<number> => {
    const rows = new Set<number>();
    for (const peer of options.peers?.peek() ?? []) for (const r of peer.batch) rows.add(r);
    return rows;
  };

  const select = (index: number): void => {
    const rows = batch.peek();
    if (rows.length === 0) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    if (clamped === selected.peek()) return;
    selected.value = clamped;
    dwell.select(rows[clamped] ?? null);
  };

  const sample = (): void => {
    const t = table();
    if (!t) {
      message.value = 'The project has not loaded yet.';
      return;
    }
    // Others' batches are skipped when looking for new work; review (partial, labelled) may overlap.
    const avoid = settings.labelStatus.peek() === 'unlabeled' ? peerRows() : new Set<number>();
    const result = options.sampler(t, request(avoid));
    if (!result.ok) {
      message.value = result.reason;
      return;
    }
    if (result.rows.length === 0) {
      message.value = 'No matching images to load; the grid is unchanged.';
      return;
    }
    batchSignals(() => {
      batch.value = result.rows;
      selected.value = 0;
      message.value = result.note ?? (result.skipped ? `${result.skipped} images in other annotators' batches were skipped.` : null);
    });
    dwell.select(result.rows[0] ?? null);
    if (options.prefetch) {
      const nextAvoid = new Set([...avoid, ...result.rows]);
      const next = options.sampler(t, request(nextAvoid));
      options.prefetch(result.rows, next.ok ? next.rows : []);
    }
  };

  const edit = (edits: LabelEdit[]): boolean => {
    if (!options.canEdit) {
      message.value = 'This link is view-only: labels cannot be changed.';
      return false;
    }
    if (edits.length === 0) return false;
    labels.edit(edits);
    return true;
  };
  const current = (field: number): ClassValue | null => {
    const t = table();
    const row = selectedRow.peek();
    return t && row !== null ? cellValue(t, row, field) : null;
  };
  const classCount = (): number => labels.meta.peek()?.classes.length ?? 0;

  const setCell = (field: number, value: ClassValue): void => {
    const row = selectedRow.peek();
    if (row === null) return;
    edit([{ row, field, value, dwell: dwell.elapsed() }]);
  };
  const setClass = (classIndex: number, value: ClassValue): void => {
    if (classIndex < 0 || classIndex >= classCount()) return;
    setCell(classField(classIndex), value);
  };
  const toggleFlag = (field: number): void => {
    const v = current(field);
    if (v !== null) setCell(field, v === 1 ? 0 : 1);
  };
  const allZeros = (): void => {
    const row = selectedRow.peek();
    if (row === null) return;
    const d = dwell.elapsed();
    const edits: LabelEdit[] = [];
    for (let c = 0; c < classCount(); c++) edits.push({ row, field: classField(c), value: 0, dwell: d });
    if (edit(edits)) select(selected.peek() + 1);
  };
  const copyToAll = (): void => {
    const t = table();
    const row = selectedRow.peek();
    if (!t || row === null) return;
    const d = dwell.elapsed();
    const edits: LabelEdit[] = [];
    for (const other of batch.peek()) {
      if (other === row) continue;
      for (let c = 0; c < classCount(); c++) {
        const value = cellValue(t, row, classField(c));
        if (cellValue(t, other, classField(c)) !== value) edits.push({ row: other, field: classField(c), value, dwell: d });
      }
    }
    edit(edits);
  };

  const saved = options.persist?.load();
  if (saved) {
    batchSignals(() => {
      settings.labelStatus.value = saved.labelStatus;
      settings.excludeStatus.value = saved.excludeStatus;
      settings.subsetBy.value = saved.subsetBy;
      settings.sortBy.value = saved.sortBy;
      settings.gridSize.value = saved.gridSize;
      batch.value = saved.batch;
      selected.value = Math.max(0, Math.min(saved.batch.length - 1, saved.selected));
    });
    dwell.select(selectedRow.peek());
  }
  const stopPublish = effect(() => {
    const row = selectedRow.value;
    options.publish?.(row, batch.value);
    options.persist?.save({
      batch: [...batch.value],
      selected: selected.value,
      labelStatus: settings.labelStatus.value,
      excludeStatus: settings.excludeStatus.value,
      subsetBy: settings.subsetBy.value,
      sortBy: settings.sortBy.value,
      gridSize: settings.gridSize.value,
    });
  });

  const session: LabelSession = {
    settings,
    batch,
    selected,
    selectedRow,
    message,
    conflict: conflictWatch.notice,
    helpOpen,
    canEdit: options.canEdit,
    sample,
    select,
    move: (delta) => select(selected.peek() + delta),
    setClass,
    cycleClass(classIndex) {
      const v = current(classField(classIndex));
      if (v !== null) setClass(classIndex, cycleValue(v));
    },
    toggleExclude: () => toggleFlag(FIELD_EXCLUDE),
    toggleValidation: () => toggleFlag(FIELD_VALIDATION),
    allZeros,
    copyToAll,
    undo() {
      if (!options.canEdit) return;
      if (labels.undo().length === 0) message.value = 'Nothing to undo.';
    },
    handleKey(action) {
      switch (action.type) {
        case 'prev':
          return session.move(-1);
        case 'next':
          return session.move(1);
        case 'cycle':
          return session.cycleClass(action.classIndex);
        case 'set-zero':
          return setClass(action.classIndex, 0);
        case 'exclude':
          return toggleFlag(FIELD_EXCLUDE);
        case 'validation':
          return toggleFlag(FIELD_VALIDATION);
        case 'all-zeros':
          return allZeros();
        case 'sample':
          return sample();
        case 'undo':
          return session.undo();
        case 'help':
          helpOpen.value = !helpOpen.peek();
          return;
        case 'close':
          helpOpen.value = false;
          return;
      }
    },
    dispose() {
      stopPublish();
      conflictWatch.dispose();
    },
  };
  return session;
}
