// The Model tab's form (§7.3 of the behaviour reference): fine-tuning model, output model and
// semi-supervised columns, "Build model" (a `build` job with the validated spec) and the status of
// the current model as the model document records it.
import type { ModelBridge } from '../bridge/model-bridge.ts';
import { POOLING_TYPES } from '../../shared/training/index.ts';
import type { ConvnetSpec, PoolingType } from '../../shared/training/index.ts';
import { FINE_TUNING_TITLES, OUTPUT_TITLES } from '../models/model-form.ts';
import type { FineTuningKind, OutputKind } from '../models/model-form.ts';
import type { TrainingForms } from '../models/training-forms.ts';
import { currentModel, describeFineTuning, describeOutput } from '../models/model-status.ts';
import { CheckField, NumberField, RangeField, SelectField } from './FormFields.tsx';

/** Props of ModelDesignPanel. */
export interface ModelDesignPanelProps {
  forms: TrainingForms;
  model: ModelBridge;
  canRequest: boolean;
  requestedBy: string;
  now(): number;
}

const POOLING_OPTIONS = POOLING_TYPES.map((p) => [p, p] as const);
const KERNEL_OPTIONS = ([1, 3, 5, 7] as const).map((k) => [k, String(k)] as const);
const FINE_TUNING_OPTIONS = Object.entries(FINE_TUNING_TITLES) as [FineTuningKind, string][];
const OUTPUT_OPTIONS = Object.entries(OUTPUT_TITLES) as [OutputKind, string][];

/** Description texts of the model types (shown under each dropdown). */
const DESCRIPTIONS: Record<FineTuningKind | OutputKind, string> = {
  'global-pooling': 'A parameter-free global max, average or flatten over the feature map.',
  convnet: 'Convolutions over the feature map, then global pooling. Layers: an integer is a convolution with that many filters, p a 2×2 max pool, d spatial dropout, r a residual block.',
  'sigmoid-crossentropy': 'A dense sigmoid layer per class, trained with cross-entropy over the labelled cells.',
  'sigmoid-focal': 'A dense sigmoid layer per class, trained with focal loss (no alpha weighting).',
};

function ConvnetFields({ forms }: { forms: TrainingForms }) {
  const { convnet, layersError } = forms.model;
  const c = convnet.value;
  const set = (patch: Partial<ConvnetSpec>): void => {
    convnet.value = { ...convnet.value, ...patch };
  };
  return (
    <>
      <label class="field">
        <span>Layers</span>
        <input type="text" data-testid="convnet-layers" value={c.layers} aria-invalid={layersError.value !== null} onInput={(e) => set({ layers: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      {layersError.value && (
        <p class="error form-error" data-testid="convnet-layers-error">
          {layersError.value}
        </p>
      )}
      <SelectField label="Kernel size" testId="convnet-kernel" value={c.kernelSize} options={KERNEL_OPTIONS} onChange={(kernelSize) => set({ kernelSize })} />
      <CheckField label="Batch norm" testId="convnet-batchnorm" value={c.batchnorm} onChange={(batchnorm) => set({ batchnorm })} />
      <CheckField label="Separable convolutions" testId="convnet-separable" value={c.separable} onChange={(separable) => set({ separable })} />
      <RangeField label="Dropout rate" testId="convnet-dropout" value={c.dropoutRate} min={0.05} max={0.95} step={0.05} onChange={(dropoutRate) => set({ dropoutRate })} />
      <SelectField<PoolingType> label="Pooling type" testId="convnet-pooling" value={c.poolingType} options={POOLING_OPTIONS} onChange={(poolingType) => set({ poolingType })} />
    </>
  );
}

function FineTuningColumn({ forms }: { forms: TrainingForms }) {
  const m = forms.model;
  const kind = m.fineTuningKind.value;
  return (
    <div class="form-column" data-testid="fine-tuning-column">
      <h3>Fine-tuning model</h3>
      <p class="muted">Maps the feature tensor to a dense vector.</p>
      <SelectField label="Type" testId="fine-tuning-kind" value={kind} options={FINE_TUNING_OPTIONS} onChange={(v) => (m.fineTuningKind.value = v)} />
      <p class="muted description">{DESCRIPTIONS[kind]}</p>
      {kind === 'global-pooling' ? (
        <SelectField<PoolingType>
          label="Pooling type"
          testId="global-pooling-type"
          value={m.globalPooling.value.poolingType}
          options={POOLING_OPTIONS}
          onChange={(poolingType) => (m.globalPooling.value = { ...m.globalPooling.value, poolingType })}
        />
      ) : (
        <ConvnetFields forms={forms} />
      )}
      <NumberField label="Weight decay" testId="weight-decay" value={m.weightDecay.value} min={0} onChange={(v) => (m.weightDecay.value = v)} />
    </div>
  );
}

function OutputColumn({ forms }: { forms: TrainingForms }) {
  const m = forms.model;
  const kind = m.outputKind.value;
  const ce = m.crossEntropy.value;
  const fo = m.focal.value;
  return (
    <div class="form-column" data-testid="output-column">
      <h3>Output model</h3>
      <p class="muted">Maps the dense vector to class probabilities.</p>
      <SelectField label="Type" testId="output-kind" value={kind} options={OUTPUT_OPTIONS} onChange={(v) => (m.outputKind.value = v)} />
      <p class="muted description">{DESCRIPTIONS[kind]}</p>
      {kind === 'sigmoid-crossentropy' ? (
        <>
          <CheckField label="Normalize" testId="output-normalize" value={ce.normalize} onChange={(normalize) => (m.crossEntropy.value = { ...ce, normalize })} />
          <RangeField label="Label smoothing" testId="label-smoothing" value={ce.labelSmoothing} min={0} max={0.25} step={0.05} onChange={(labelSmoothing) => (m.crossEntropy.value = { ...ce, labelSmoothing })} />
        </>
      ) : (
        <>
          <CheckField label="Normalize" testId="output-normalize" value={fo.normalize} onChange={(normalize) => (m.focal.value = { ...fo, normalize })} />
          <NumberField label="Gamma" testId="focal-gamma" value={fo.gamma} min={0} max={10} onChange={(gamma) => (m.focal.value = { ...fo, gamma })} />
        </>
      )}
    </div>
  );
}

function SemiSupervisedColumn({ forms }: { forms: TrainingForms }) {
  const s = forms.model.semiSupervised;
  const v = s.value;
  return (
    <div class="form-column" data-testid="semi-supervised-column">
      <h3>Semi-supervised learning</h3>
      <p class="muted">Use unlabelled samples to guide the decision boundary.</p>
      <SelectField label="Type" testId="semi-kind" value="fixmatch" options={[['fixmatch', 'FixMatch']]} onChange={() => undefined} />
      <NumberField label="Loss weight lambda (0 to disable)" testId="semi-lambda" value={v.lambda} min={0} onChange={(lambda) => (s.value = { ...s.value, lambda })} />
      <NumberField label="Threshold tau" testId="semi-tau" value={v.tau} min={0.5} max={1} onChange={(tau) => (s.value = { ...s.value, tau })} />
      <NumberField label="Batch size multiplier mu" testId="semi-mu" value={v.mu} min={1} step={1} onChange={(mu) => (s.value = { ...s.value, mu })} />
    </div>
  );
}

function ModelStatus({ model }: { model: ModelBridge }) {
  const current = currentModel(model.jobs.value, model.runs.value);
  if (!current) {
    return (
      <p class="model-status" data-testid="model-status">
        <strong>No current model</strong>
      </p>
    );
  }
  const params = (n: number | undefined): string => (n === undefined ? '' : ` (${n.toLocaleString('en-US')} parameters)`);
  return (
    <p class="model-status" data-testid="model-status">
      <strong>Current fine-tuning model:</strong> {describeFineTuning(current.spec)}
      {params(current.params?.fineTuning)}
      <br />
      <strong>Current output model:</strong> {describeOutput(current.spec)}
      {params(current.params?.output)}
      {!current.params && <span class="muted"> · built; parameter counts appear after the first training run</span>}
    </p>
  );
}

/** The Model tab's form, build button and model status. */
export function ModelDesignPanel({ forms, model, canRequest, requestedBy, now }: ModelDesignPanelProps) {
  const error = forms.model.error.value;
  const build = (): void => {
    const settings = forms.buildSettings();
    if (settings) model.requestJob('build', settings, requestedBy, now());
  };
  return (
    <section class="panel model-design" aria-label="Model options" data-testid="model-design">
      <h2>Model options</h2>
      <div class="form-columns">
        <FineTuningColumn forms={forms} />
        <OutputColumn forms={forms} />
        <SemiSupervisedColumn forms={forms} />
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="build-model"
          disabled={!canRequest || error !== null}
          title={!canRequest ? 'View-only links cannot request jobs.' : error ?? 'Asks a trainer to build the model with fresh weights.'}
          onClick={build}
        >
          Build model
        </button>
        {error && (
          <span class="error" data-testid="model-form-error">
            {error}
          </span>
        )}
      </div>
      <ModelStatus model={model} />
    </section>
  );
}
