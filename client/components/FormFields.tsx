// Small labelled form controls of the Model and Train tabs: number box, drop-down, checkbox and
// slider. Each takes a value and an onChange; a number box that does not hold a number reports NaN.

/** Props shared by every field. */
interface FieldBase {
  label: string;
  /** `data-testid` of the input element. */
  testId: string;
  disabled?: boolean;
  title?: string;
}

/** A number box; an empty or non-numeric entry reports NaN (the form then shows an error). */
export function NumberField(props: FieldBase & { value: number; onChange(v: number): void; step?: number | 'any'; min?: number; max?: number }) {
  const { label, testId, value, onChange } = props;
  return (
    <label class="field" title={props.title}>
      <span>{label}</span>
      <input
        type="number"
        data-testid={testId}
        value={Number.isFinite(value) ? String(value) : ''}
        step={props.step ?? 'any'}
        min={props.min}
        max={props.max}
        disabled={props.disabled}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value.trim();
          onChange(text === '' ? Number.NaN : Number(text));
        }}
      />
    </label>
  );
}

/** A drop-down over `options` (value → title). */
export function SelectField<T extends string | number>(props: FieldBase & { value: T; options: readonly (readonly [T, string])[]; onChange(v: T): void }) {
  const { label, testId, value, options, onChange } = props;
  return (
    <label class="field" title={props.title}>
      <span>{label}</span>
      <select
        data-testid={testId}
        value={String(value)}
        disabled={props.disabled}
        onChange={(e) => {
          const text = (e.currentTarget as HTMLSelectElement).value;
          const hit = options.find(([v]) => String(v) === text);
          if (hit) onChange(hit[0]);
        }}
      >
        {options.map(([v, title]) => (
          <option key={String(v)} value={String(v)}>
            {title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A checkbox with its label on the right. */
export function CheckField(props: FieldBase & { value: boolean; onChange(v: boolean): void }) {
  return (
    <label class="flag" title={props.title}>
      <input type="checkbox" data-testid={props.testId} checked={props.value} disabled={props.disabled} onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)} />
      <span>{props.label}</span>
    </label>
  );
}

/** A slider showing its value; values are rounded to the step's decimals. */
export function RangeField(props: FieldBase & { value: number; min: number; max: number; step: number; onChange(v: number): void }) {
  const decimals = Math.max(0, -Math.floor(Math.log10(props.step)));
  return (
    <label class="field" title={props.title}>
      <span>
        {props.label}: <output data-testid={`${props.testId}-value`}>{props.value.toFixed(decimals)}</output>
      </span>
      <input
        type="range"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        step={props.step}
        value={String(props.value)}
        disabled={props.disabled}
        onInput={(e) => props.onChange(Number(Number((e.currentTarget as HTMLInputElement).value).toFixed(decimals)))}
      />
    </label>
  );
}
