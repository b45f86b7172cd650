// The sampling tool above the grid: label status, exclude status, subset-by, sort-by, grid size and
// the Sample button. Sorts that need model outputs stay disabled, with the reason shown, until the
// trainer has published predictions (or a ranking, for BADGE and diversity).
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LabelSession } from '../models/label-session.ts';
import { EXCLUDE_STATUS_OPTIONS, LABEL_STATUS_OPTIONS } from '../../shared/sampling/subset-options.ts';

/** A sort option with whether it can be used now. */
export interface SortChoice {
  readonly option: string;
  /** Why the option cannot be used yet, or null when it can. */
  readonly unavailable: string | null;
}

/** Props of SamplingControls. */
export interface SamplingControlsProps {
  session: LabelSession;
  subsetOptions: ReadonlySignal<readonly string[]>;
  sortChoices: ReadonlySignal<readonly SortChoice[]>;
  /** Chosen source of class probabilities (model predictions or propagated labels). */
  predictionSource?: Signal<string>;
  /** Sources available; the choice is shown when there is more than one. */
  predictionSources?: ReadonlySignal<readonly string[]>;
}

/** Grid sides offered (2 × 2 … 8 × 8). */
export const GRID_SIZES: readonly number[] = [2, 3, 4, 5, 6, 8];

function Radio({ name, options, value }: { name: string; options: readonly string[]; value: Signal<string> }) {
  return (
    <fieldset class="radio" data-testid={`radio-${name}`}>
      <legend>{name}</legend>
      {options.map((option) => (
        <label key={option} class={value.value === option ? 'on' : ''}>
          <input type="radio" name={name} value={option} checked={value.value === option} onChange={() => (value.value = option)} />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/** Release focus after a choice so the arrow keys go back to the grid. */
function blurTarget(event: Event): void {
  (event.currentTarget as HTMLElement | null)?.blur();
}

/** The sampling controls. */
export function SamplingControls({ session, subsetOptions, sortChoices, predictionSource, predictionSources }: SamplingControlsProps) {
  const sources = predictionSources?.value ?? [];
  const s = session.settings;
  const choices = sortChoices.value;
  const current = choices.find((c) => c.option === s.sortBy.value);
  const disabledCount = choices.filter((c) => c.unavailable).length;
  const reason = choices.find((c) => c.unavailable)?.unavailable;
  return (
    <section class="sampling" aria-label="Sampling" data-testid="sampling-controls">
      <Radio name="label status" options={LABEL_STATUS_OPTIONS} value={s.labelStatus} />
      <Radio name="exclude status" options={EXCLUDE_STATUS_OPTIONS} value={s.excludeStatus} />
      <label class="field">
        <span>Subset by</span>
        <select
          data-testid="subset-by"
          value={s.subsetBy.value}
          onChange={(e) => {
            s.subsetBy.value = (e.currentTarget as HTMLSelectElement).value;
            blurTarget(e);
          }}
        >
          {subsetOptions.value.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Sort by</span>
        <select
          data-testid="sort-by"
          value={s.sortBy.value}
          onChange={(e) => {
            s.sortBy.value = (e.currentTarget as HTMLSelectElement).value;
            blurTarget(e);
          }}
        >
          {choices.map((c) => (
            <option key={c.option} value={c.option} disabled={c.unavailable !== null} title={c.unavailable ?? undefined}>
              {c.option}
            </option>
          ))}
        </select>
      </label>
      {predictionSource && sources.length > 1 && (
        <label class="field" title="Class probabilities the prediction-based sorts use">
          <span>Predictions from</span>
          <select
            data-testid="prediction-source"
            value={predictionSource.value}
            onChange={(e) => {
              predictionSource.value = (e.currentTarget as HTMLSelectElement).value;
              blurTarget(e);
            }}
          >
            {sources.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>Grid</span>
        <select
          data-testid="grid-size"
          value={String(s.gridSize.value)}
          onChange={(e) => {
            s.gridSize.value = Number((e.currentTarget as HTMLSelectElement).value);
            blurTarget(e);
          }}
        >
          {GRID_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {n} × {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="primary" data-testid="sample" title="Sample a new batch (s)" onClick={() => session.sample()}>
        Sample <kbd>s</kbd>
      </button>
      {current?.unavailable ? (
        <p class="hint warn" data-testid="sort-hint">{current.unavailable}</p>
      ) : disabledCount > 0 && reason ? (
        <p class="hint" data-testid="sort-hint">
          {disabledCount} sort orders are disabled: {reason}
        </p>
      ) : null}
    </section>
  );
}
