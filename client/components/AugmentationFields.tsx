// The Train form's "Image augmentation" fieldset: training augmentation on/off, and in a collapsible
// table every operation for training and for FixMatch's strong view (checkbox, value 0–1), with
// per-column reset and a preview of augmented images.
import { useMemo, useState } from 'preact/hooks';
import { AUGMENT_OPERATIONS } from '../../shared/training/index.ts';
import type { AugmentOperation, AugmentParams } from '../../shared/training/index.ts';
import { AUGMENT_OPERATION_INFO, createAugmentForm, isSwitchOperation, operationChecked } from '../models/augment-form.ts';
import type { AugmentColumn, AugmentForm } from '../models/augment-form.ts';
import type { ImageUrlFn } from '../models/augment-preview.ts';
import type { TrainForm } from '../models/train-form.ts';
import { AugmentPreview } from './AugmentPreview.tsx';
import { CheckField } from './FormFields.tsx';

/** Props of AugmentationFields. */
export interface AugmentationFieldsProps {
  train: TrainForm;
  /** Relay image URLs for the preview, or null. */
  imageUrl: ImageUrlFn | null;
  /** Images in the project, when known. */
  imageCount: number | null;
}

/** Test-id prefix and title of each column. */
const COLUMNS: readonly { column: AugmentColumn; prefix: string; name: string; title: string }[] = [
  { column: 'augment', prefix: 'train', name: 'training', title: 'Applied to every training image (and to FixMatch’s weakly augmented view).' },
  { column: 'strongAugment', prefix: 'strong', name: 'FixMatch strong', title: 'FixMatch’s strongly augmented view of unlabelled images (used when the Model tab’s FixMatch lambda is above 0).' },
];

function OperationCell(props: { form: AugmentForm; column: AugmentColumn; prefix: string; name: string; op: AugmentOperation; params: AugmentParams | false; disabled: boolean }) {
  const { form, column, prefix, name, op, params, disabled } = props;
  const label = AUGMENT_OPERATION_INFO[op].label;
  const on = operationChecked(params, op);
  const value = params === false ? undefined : params[op];
  const box = (
    <input
      type="checkbox"
      data-testid={`aug-${prefix}-${op}`}
      aria-label={`${label} (${name})`}
      checked={on}
      disabled={disabled}
      onChange={(e) => form.setOperation(column, op, (e.currentTarget as HTMLInputElement).checked)}
    />
  );
  if (isSwitchOperation(op)) return <td class="aug-cell">{box}</td>;
  const shown = on && typeof value === 'number' ? value : Number.NaN;
  const invalid = on && !(Number.isFinite(shown) && shown >= 0 && shown <= 1);
  return (
    <td class="aug-cell">
      {box}
      <input
        type="number"
        data-testid={`aug-${prefix}-${op}-value`}
        aria-label={`${label} (${name}), from 0 to 1`}
        min={0}
        max={1}
        step={0.05}
        value={Number.isFinite(shown) ? String(shown) : ''}
        disabled={disabled || !on}
        aria-invalid={invalid ? 'true' : undefined}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value.trim();
          form.setValue(column, op, text === '' ? Number.NaN : Number(text));
        }}
      />
    </td>
  );
}

/** The "Image augmentation" fieldset of the Train form. */
export function AugmentationFields({ train, imageUrl, imageCount }: AugmentationFieldsProps) {
  const form = useMemo(() => createAugmentForm(train), [train]);
  const [open, setOpen] = useState(false);
  const o = train.options.value;
  const params: Record<AugmentColumn, AugmentParams | false> = { augment: o.augment, strongAugment: o.strongAugment };
  // The form's error, repeated next to the table when it is about these settings.
  const error = train.error.value;
  const ownError = error !== null && /^(augment|strongAugment)\b/.test(error) ? error : null;
  return (
    <fieldset class="augmentation" data-testid="augmentation">
      <legend>Image augmentation</legend>
      <p class="description muted">Applies when the trainer runs a feature extractor; with pre-extracted features, FixMatch augments the feature maps instead.</p>
      <CheckField
        label="Augment training images"
        testId="aug-enabled"
        value={o.augment !== false}
        title="Off: training images are used as they are. On again: the operations you had before."
        onChange={(on) => form.setEnabled(on)}
      />
      <details data-testid="aug-details" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Operations</summary>
        <table class="data aug-table">
          <thead>
            <tr>
              <th scope="col">operation</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.column} title={c.title}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {AUGMENT_OPERATIONS.map((op) => (
              <tr key={op} data-op={op}>
                <th scope="row" title={AUGMENT_OPERATION_INFO[op].title}>
                  {AUGMENT_OPERATION_INFO[op].label}
                </th>
                {COLUMNS.map((c) => (
                  <OperationCell key={c.column} form={form} column={c.column} prefix={c.prefix} name={c.name} op={op} params={params[c.column]} disabled={c.column === 'augment' && o.augment === false} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              {COLUMNS.map((c) => (
                <td key={c.column}>
                  <button type="button" data-testid={`aug-reset-${c.prefix}`} title={`Restores the default ${c.name} operations.`} onClick={() => form.reset(c.column)}>
                    Reset to defaults
                  </button>
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
        {ownError && (
          <p class="error form-error" data-testid="aug-error">
            {ownError}
          </p>
        )}
        {open && <AugmentPreview options={train.valid.value} imageUrl={imageUrl} imageCount={imageCount} />}
      </details>
    </fieldset>
  );
}
