// The labelling tool beside the grid: exclude and validation flags, a None / 0 / 1 switch per
// class (with its digit key), navigation, all-zeros, copy-to-all and undo. Shows the selected
// image's current values from the live table, so remote edits appear at once.
import type { ReadonlySignal } from '@preact/signals';
import type { TableSnapshot } from '../bridge/labels-bridge.ts';
import { cellValue } from '../bridge/labels-bridge.ts';
import type { LabelSession } from '../models/label-session.ts';
import type { ClassValue } from '../../shared/schema/fields.ts';
import { FIELD_EXCLUDE, FIELD_VALIDATION, classField } from '../../shared/schema/fields.ts';

/** Props of LabelingTool. */
export interface LabelingToolProps {
  session: LabelSession;
  snapshot: ReadonlySignal<TableSnapshot | null>;
  classes: ReadonlySignal<readonly string[]>;
  canUndo: ReadonlySignal<boolean>;
}

const CHOICES: readonly { value: ClassValue; text: string }[] = [
  { value: -1, text: 'None' },
  { value: 0, text: '0' },
  { value: 1, text: '1' },
];

/** The right-hand labelling panel. */
export function LabelingTool({ session, snapshot, classes, canUndo }: LabelingToolProps) {
  const row = session.selectedRow.value;
  const snap = snapshot.value;
  const disabled = !session.canEdit || row === null || !snap;
  const value = (field: number): ClassValue => (snap && row !== null ? cellValue(snap.table, row, field) : -1);
  const conflict = session.conflict.value;
  const count = session.batch.value.length;
  return (
    <section class="tool" aria-label="Image labels" data-testid="labeling-tool">
      <header class="tool-head">
        <h2>Image labels</h2>
        <span class="muted" data-testid="selected-row">
          {row === null ? 'no image selected' : `image ${row} · ${session.selected.value + 1} of ${count}`}
        </span>
      </header>
      {!session.canEdit && <p class="notice">View-only link: you can browse, not label.</p>}
      {conflict && (
        <p class={`notice ${conflict.contested ? 'notice-conflict' : ''}`} data-testid="conflict-notice" role="status">
          <strong>{conflict.by}</strong> set <em>{conflict.fieldName}</em> to {conflict.value === -1 ? 'None' : conflict.value}
          {conflict.contested ? (conflict.won ? ' — replacing your value.' : ' — your later edit still stands.') : '.'}
        </p>
      )}
      <div class="flags">
        <label class="flag">
          <input type="checkbox" data-testid="exclude" disabled={disabled} checked={value(FIELD_EXCLUDE) === 1} onChange={() => session.toggleExclude()} />
          exclude <kbd>x</kbd>
        </label>
        <label class="flag">
          <input type="checkbox" data-testid="validation" disabled={disabled} checked={value(FIELD_VALIDATION) === 1} onChange={() => session.toggleValidation()} />
          validation <kbd>v</kbd>
        </label>
      </div>
      <ul class="classes">
        {classes.value.map((name, c) => {
          const current = value(classField(c));
          const contested = conflict?.field === classField(c);
          return (
            <li key={name} class={contested ? 'contested' : ''} data-class={name}>
              <div class="segmented" role="radiogroup" aria-label={name}>
                {CHOICES.map((choice) => (
                  <button
                    type="button"
                    role="radio"
                    aria-checked={current === choice.value}
                    class={current === choice.value ? `on v${choice.value}` : ''}
                    disabled={disabled}
                    data-testid={`class-${c}-${choice.text}`}
                    onClick={() => session.setClass(c, choice.value)}
                  >
                    {choice.text}
                  </button>
                ))}
              </div>
              <span class="class-name">{name}</span>
              {c < 9 && <kbd>{c + 1}</kbd>}
            </li>
          );
        })}
      </ul>
      <div class="nav">
        <button type="button" title="Previous image (←)" disabled={row === null || session.selected.value === 0} onClick={() => session.move(-1)} data-testid="prev">
          ◀
        </button>
        <button type="button" title="Next image (→)" disabled={row === null || session.selected.value >= count - 1} onClick={() => session.move(1)} data-testid="next">
          ▶
        </button>
        <button type="button" title="Every class 0, then next image (z)" disabled={disabled} onClick={() => session.allZeros()} data-testid="all-zeros">
          all zeros
        </button>
        <button type="button" title="Copy this image's class values to every image in the grid" disabled={disabled} onClick={() => session.copyToAll()} data-testid="copy-to-all">
          copy labels to all
        </button>
        <button type="button" title="Undo your last edit (Ctrl+Z)" disabled={!session.canEdit || !canUndo.value} onClick={() => session.undo()} data-testid="undo">
          undo
        </button>
      </div>
    </section>
  );
}
