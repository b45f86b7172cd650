// The app's view model: wires the bridges to the Label tab session, the sampler, model outputs,
// prefetching and the derived tables (counts, option lists). Built from bridges, so tests can
// construct it over plain documents without a relay.
import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { ConnectionBridge, LabelsBridge, ModelBridge, PresenceBridge } from '../bridge/index.ts';
import type { ProjectConfig } from '../api/relay-api.ts';
import { findConflicts } from '../../shared/labels/index.ts';
import { CONFLICTS_OPTION, LABELLED_BY_ME_OPTION, SUBSET_PREFIX, listSortOptions, listSubsetOptions } from '../../shared/sampling/index.ts';
import type { SamplingInputs, SubsetRowSets } from '../../shared/sampling/index.ts';
import { rowsTouchedByAnnotator } from '../../shared/views/index.ts';
import { createTableDerivations } from './table-derivations.ts';
import type { LabelCounts } from '../../shared/views/index.ts';
import type { SortChoice } from '../components/SamplingControls.tsx';
import { createDwellTracker } from './dwell-tracker.ts';
import type { DwellEnvironment } from './dwell-tracker.ts';
import { createLabelSession } from './label-session.ts';
import type { LabelSession } from './label-session.ts';
import type { SessionStore } from './session-store.ts';
import { createModelOutputs } from './model-outputs.ts';
import type { BlobLoader, ModelOutputs, PredictionSource } from './model-outputs.ts';
import { createSampler, sortUnavailable } from './sampler.ts';
import { TRAINING_FORMS_KEY_PREFIX, createTrainingForms } from './training-forms.ts';
import type { TrainingForms } from './training-forms.ts';

/** The tabs, in order. */
export const TABS = ['label', 'model', 'train', 'propagation', 'history'] as const;
export type TabId = (typeof TABS)[number];
/** Tab titles. */
export const TAB_TITLES: Record<TabId, string> = { label: 'Label', model: 'Model', train: 'Train', propagation: 'Label Propagation', history: 'History' };

/** Two edits of one cell by different annotators within this window count as a conflict. */
export const CONFLICT_WINDOW_MS = 60_000;
/** Thumbnail size (px) requested for grid tiles. */
export const THUMBNAIL_SIZE = 256;

/** What createAppModel needs. */
export interface AppDeps {
  config: ProjectConfig;
  labels: LabelsBridge;
  model: ModelBridge;
  presence?: PresenceBridge | null;
  connection?: ConnectionBridge | null;
  imageUrl(row: number, size?: number): string;
  loadBlob: BlobLoader;
  dwellEnv: DwellEnvironment;
  rng(): number;
  now(): number;
  /** Warm the cache with these image URLs. */
  prefetch?(urls: readonly string[]): void;
  /** Keeps the Label tab's batch and settings across reloads. */
  sessionStore?: SessionStore;
  /** Keeps the Model and Train tabs' settings across reloads (default: localStorage when there is one; null: not kept). */
  formStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The class probabilities of the chosen prediction source. */
export interface ActivePredictions {
  /** N × C row-major, NaN = unknown. */
  readonly values: Float32Array;
  /** Class name of each column. */
  readonly classes: readonly string[];
  /** One value per row for the `max entropy` sort (see entropy-digest.ts). */
  readonly digest: Float32Array | null;
}

/** The assembled app state. */
export interface AppModel {
  readonly config: ProjectConfig;
  readonly deps: AppDeps;
  readonly tab: Signal<TabId>;
  readonly session: LabelSession;
  readonly classes: ReadonlySignal<readonly string[]>;
  readonly counts: ReadonlySignal<LabelCounts | null>;
  readonly subsetOptions: ReadonlySignal<readonly string[]>;
  readonly sortChoices: ReadonlySignal<readonly SortChoice[]>;
  readonly outputs: ModelOutputs;
  /** Which class probabilities the prediction-based sorts and histograms use. */
  readonly predictionSource: Signal<PredictionSource>;
  /** The sources published so far (propagated labels appear once `latest.propagated` exists). */
  readonly predictionSources: ReadonlySignal<readonly PredictionSource[]>;
  /** The active source's values (N × C, NaN = unknown) and column names, or null. */
  readonly activePredictions: ReadonlySignal<ActivePredictions | null>;
  readonly canEdit: boolean;
  /** The Model and Train tabs' forms. */
  readonly forms: TrainingForms;
  thumbnailUrl(row: number): string;
  dispose(): void;
}

/** Assembles the app model from its bridges. */
export function createAppModel(deps: AppDeps): AppModel {
  const { labels, config } = deps;
  const canEdit = config.role === 'owner' || config.role === 'annotator';
  const classes = computed<readonly string[]>(() => labels.meta.value?.classes ?? config.classes);
  const outputs = createModelOutputs(deps.model.latest, deps.loadBlob);
  const predictionSource = signal<PredictionSource>('model predictions');
  const predictionSources = computed<readonly PredictionSource[]>(() =>
    deps.model.latest.value.propagated ? ['model predictions', 'propagated labels'] : ['model predictions'],
  );
  const activePredictions = computed<ActivePredictions | null>(() => {
    const names = classes.value;
    if (predictionSource.value === 'propagated labels') {
      const g = outputs.propagated.value;
      if (!g) return null;
      const named = (g.pointer as { classes?: unknown }).classes;
      return { values: g.values, classes: Array.isArray(named) && named.length === g.columns ? (named as string[]) : names.slice(0, g.columns), digest: g.digest };
    }
    const predictions = outputs.predictions.value;
    if (!predictions) return null;
    return { values: predictions, classes: names.slice(0, outputs.predictionColumns.value), digest: outputs.digest.value };
  });
  const inputs = (): SamplingInputs => {
    const active = activePredictions.peek();
    return { predictions: active?.values ?? null, predictionClasses: active?.classes, ranking: outputs.ranking.peek() };
  };
  const rowSets = (subsetBy: string): SubsetRowSets | undefined => {
    if (subsetBy !== CONFLICTS_OPTION && subsetBy !== LABELLED_BY_ME_OPTION && !subsetBy.startsWith(SUBSET_PREFIX.LABELLED_BY)) return undefined;
    const events = labels.events();
    const touched = rowsTouchedByAnnotator(events);
    const conflicts = subsetBy === CONFLICTS_OPTION ? findConflicts(events, CONFLICT_WINDOW_MS).map((c) => c.row) : [];
    return { conflicts, labelledByMe: touched.get(config.annotator) ?? new Int32Array(0), labelledBy: touched };
  };
  const formStorage = deps.formStorage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : deps.formStorage;
  const forms = createTrainingForms(formStorage ? { storage: formStorage, key: `${TRAINING_FORMS_KEY_PREFIX}${config.projectId}` } : null);
  const derivations = createTableDerivations(labels.snapshot);
  const sampler = createSampler({ inputs, rowSets, rng: deps.rng, rowStates: derivations.rowStates, digest: () => activePredictions.peek()?.digest ?? null });
  const thumbnailUrl = (row: number): string => deps.imageUrl(row, THUMBNAIL_SIZE);
  const dwell = createDwellTracker(deps.dwellEnv);
  const session = createLabelSession({
    labels,
    sampler,
    dwell,
    canEdit,
    annotator: config.annotator,
    peers: deps.presence?.peers,
    prefetch: deps.prefetch ? (current, next) => deps.prefetch?.([...current, ...next].map(thumbnailUrl)) : undefined,
    persist: deps.sessionStore,
    publish: deps.presence
      ? (selection, rows) => {
          deps.presence?.setSelection(selection);
          deps.presence?.setBatch(rows);
        }
      : undefined,
  });
  const counts = derivations.counts;
  const subsetOptions = computed(() => listSubsetOptions(classes.value, { conflicts: true, labelledByMe: true }));
  const sortChoices = computed<readonly SortChoice[]>(() => {
    const table = labels.snapshot.value?.table ?? null;
    // Read the output signals so the list updates when predictions or a ranking arrive.
    void activePredictions.value;
    void outputs.ranking.value;
    return listSortOptions(classes.value).map((option) => ({ option, unavailable: sortUnavailable(table, option, inputs()) }));
  });
  return {
    config,
    deps,
    tab: signal<TabId>('label'),
    session,
    classes,
    counts,
    subsetOptions,
    sortChoices,
    outputs,
    predictionSource,
    predictionSources,
    activePredictions,
    canEdit,
    forms,
    thumbnailUrl,
    dispose() {
      forms.dispose();
      session.dispose();
      derivations.dispose();
      dwell.dispose();
      outputs.dispose();
    },
  };
}
