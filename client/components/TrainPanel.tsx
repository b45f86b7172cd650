// The Train tab's form (§7.4 of the behaviour reference): training options with image augmentation
// and "Make it so" (a `train` job with the Model tab's spec), the active job's progress, the newest
// run's loss and histogram plots, and the published model with the trainer, backend and machine.
import type { ModelBridge } from '../bridge/model-bridge.ts';
import { LR_DECAYS, OPTIMIZERS, SAMPLING_STRATEGIES } from '../../shared/training/index.ts';
import type { TrainOptions } from '../../shared/training/index.ts';
import type { TrainingForms } from '../models/training-forms.ts';
import { activeTrainJob, formatDuration, publishedModel } from '../models/model-status.ts';
import type { ImageUrlFn } from '../models/augment-preview.ts';
import { AugmentationFields } from './AugmentationFields.tsx';
import { CheckField, NumberField, SelectField } from './FormFields.tsx';
import { RunView, isRunRecord } from './RunView.tsx';
import { formatTime } from './format.ts';

/** Props of TrainPanel. */
export interface TrainPanelProps {
  forms: TrainingForms;
  model: ModelBridge;
  canRequest: boolean;
  requestedBy: string;
  now(): number;
  /** Download URL of a blob (carries the token). */
  blobUrl(sha256: string): string;
  /** URL of a relay image (for the augmentation preview). */
  imageUrl: ImageUrlFn;
  /** Images in the project. */
  imageCount: number;
}

const opts = <T extends string>(values: readonly T[]) => values.map((v) => [v, v] as const);

interface TrainOptionsFormProps {
  forms: TrainingForms;
  canRequest: boolean;
  imageUrl: ImageUrlFn | null;
  imageCount: number | null;
  onSubmit(): void;
}

function TrainOptionsForm({ forms, canRequest, imageUrl, imageCount, onSubmit }: TrainOptionsFormProps) {
  const t = forms.train;
  const o = t.options.value;
  const set = <K extends keyof TrainOptions>(key: K) => (value: TrainOptions[K]) => t.set(key, value);
  const error = forms.model.error.value ?? t.error.value;
  return (
    <div class="form-column train-options" data-testid="train-options">
      <h3>Train model on current set of labelled patches</h3>
      <SelectField label="Sampling strategy" testId="train-sampling" value={o.sampling} options={opts(SAMPLING_STRATEGIES)} onChange={set('sampling')} />
      <SelectField label="Optimizer" testId="train-optimizer" value={o.optimizer} options={opts(OPTIMIZERS)} onChange={set('optimizer')} />
      <NumberField label="Initial learning rate" testId="train-learning-rate" value={o.learningRate} min={0} onChange={set('learningRate')} />
      <SelectField label="Learning rate decay" testId="train-lr-decay" value={o.lrDecay} options={opts(LR_DECAYS)} onChange={set('lrDecay')} />
      <NumberField label="Batch size" testId="train-batch-size" value={o.batchSize} min={1} step={1} onChange={set('batchSize')} />
      <NumberField label="Batches per epoch" testId="train-batches-per-epoch" value={o.batchesPerEpoch} min={1} step={1} onChange={set('batchesPerEpoch')} />
      <NumberField label="Epochs" testId="train-epochs" value={o.epochs} min={1} step={1} onChange={set('epochs')} />
      <NumberField
        label="Fine-tune feature extractor after this many epochs (−1: never)"
        testId="train-fine-tune-after"
        value={o.fineTuneAfter}
        min={-1}
        step={1}
        title="From this epoch on the trainer's feature extractor is trained too (needs a trainer started with --extractor and a LayersModel extractor)."
        onChange={set('fineTuneAfter')}
      />
      <NumberField label="Prediction batch size" testId="train-prediction-batch-size" value={o.predictionBatchSize} min={1} step={1} onChange={set('predictionBatchSize')} />
      <NumberField
        label="Abort if no improvement in X epochs (0: never)"
        testId="train-abort-after"
        value={o.abortAfter}
        min={0}
        step={1}
        title="Stops when the validation loss has not improved for this many epochs in a row; a stopped run publishes no predictions."
        onChange={set('abortAfter')}
      />
      <NumberField label="Seed" testId="train-seed" value={o.seed} min={0} step={1} onChange={set('seed')} />
      <CheckField label="Update predictions after training?" testId="train-update-predictions" value={o.updatePredictions} onChange={set('updatePredictions')} />
      <AugmentationFields train={t} imageUrl={imageUrl} imageCount={imageCount} />
      <div class="actions">
        <button type="button" class="primary" data-testid="make-it-so" disabled={!canRequest || error !== null} title={!canRequest ? 'View-only links cannot request jobs.' : error ?? 'Asks a trainer to train the Model tab\'s model with these options.'} onClick={onSubmit}>
          Make it so
        </button>
      </div>
      {error && (
        <p class="error form-error" data-testid="train-form-error">
          {forms.model.error.value ? `Model tab: ${error}` : error}
        </p>
      )}
    </div>
  );
}

function TrainProgress({ model }: { model: ModelBridge }) {
  const job = activeTrainJob(model.jobs.value);
  if (!job) return <p class="muted" data-testid="train-progress-idle">No training job running.</p>;
  const p = job.progress;
  const pct = p && p.total > 0 ? Math.min(100, (100 * p.step) / p.total) : 0;
  const state = job.status === 'requested' ? (job.claimant ? 'claimed' : 'waiting for a trainer') : job.status;
  return (
    <div class="train-progress" data-testid="train-progress" data-job={job.id}>
      <div class="bar" role="progressbar" aria-valuemin={0} aria-valuemax={p?.total ?? 0} aria-valuenow={p?.step ?? 0}>
        <span style={{ width: `${pct.toFixed(1)}%` }} />
      </div>
      <p class="muted" data-testid="train-progress-text">
        {p ? `step ${p.step} / ${p.total}` : state}
        {p?.loss !== undefined && Number.isFinite(p.loss) ? ` · loss ${p.loss.toFixed(4)}` : ''}
        {p?.etaMs !== undefined ? ` · about ${formatDuration(p.etaMs)} left` : ''}
        {p?.message ? ` · ${p.message}` : ''}
        {job.claimant ? ` · ${job.claimant}` : ''}
      </p>
    </div>
  );
}

function PublishedModel({ model, blobUrl }: { model: ModelBridge; blobUrl(sha: string): string }) {
  const published = publishedModel(model.latest.value, model.runs.value);
  if (!published) return <p class="muted" data-testid="model-download-none">No trained model published yet.</p>;
  const { pointer, run } = published;
  return (
    <p data-testid="model-download-line">
      <a class="button" data-testid="model-download" href={blobUrl(pointer.sha256)} download={`patchwork-model-${pointer.sha256.slice(0, 12)}.bin`}>
        Download model ({(pointer.bytes / 1e6).toFixed(2)} MB)
      </a>{' '}
      <span class="muted" data-testid="model-trainer">
        labels v{pointer.labelVersion}, {formatTime(pointer.createdAt)}
        {run ? ` · trained by ${run.trainer.name} on ${run.trainer.machine} (${run.trainer.backend}, tfjs ${run.trainer.tfjsVersion})` : ''}
      </span>
    </p>
  );
}

/** The Train tab's training form and the newest run. */
export function TrainPanel({ forms, model, canRequest, requestedBy, now, blobUrl, imageUrl, imageCount }: TrainPanelProps) {
  const submit = (): void => {
    const settings = forms.trainSettings();
    if (settings) model.requestJob('train', settings, requestedBy, now());
  };
  const newest = model.runs.value.find((r) => isRunRecord(r.record));
  return (
    <section class="panel train-panel" aria-label="Training" data-testid="train-panel">
      <h2>Training</h2>
      <div class="train-layout">
        <TrainOptionsForm
          forms={forms}
          canRequest={canRequest}
          imageUrl={imageUrl}
          imageCount={imageCount > 0 ? imageCount : null}
          onSubmit={submit}
        />
        <div class="train-results">
          <h3>Progress</h3>
          <TrainProgress model={model} />
          <PublishedModel model={model} blobUrl={blobUrl} />
          {newest && isRunRecord(newest.record) ? <RunView id={newest.id} run={newest.record} /> : <p class="muted">The loss plot and outputs by class appear after the first training run.</p>}
        </div>
      </div>
    </section>
  );
}
