// Fixtures for the web app's component tests: an app model over plain Yjs documents (no relay,
// no IndexedDB) with a manual clock, a controllable tab visibility and a seeded random source.
import * as Y from 'yjs';
import { signal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import { createLabelsBridge, createModelBridge } from '../../client/bridge/index.ts';
import type { LabelsBridge, ModelBridge, Peer } from '../../client/bridge/index.ts';
import { createAppModel } from '../../client/models/app-model.ts';
import type { AppModel } from '../../client/models/app-model.ts';
import type { DwellEnvironment } from '../../client/models/dwell-tracker.ts';
import type { ProjectConfig, Role } from '../../client/api/relay-api.ts';
import { EventWriter, HybridClock } from '../../shared/labels/index.ts';
import { createLabelsDoc, createManualClock } from './labels-doc.ts';
import type { ManualClock } from './labels-doc.ts';
import { createSeededRandom } from './seeded-random.ts';

/** A fake page: a clock and a visibility flag the test moves by hand. */
export interface FakePage extends DwellEnvironment {
  time: number;
  visible: boolean;
  setVisible(visible: boolean): void;
}

/** Creates a fake page starting at time 0, visible. */
export function createFakePage(): FakePage {
  const listeners = new Set<() => void>();
  const page: FakePage = {
    time: 0,
    visible: true,
    now: () => page.time,
    isVisible: () => page.visible,
    onVisibilityChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setVisible(visible) {
      page.visible = visible;
      for (const l of listeners) l();
    },
  };
  return page;
}

/** Everything a client test needs. */
export interface ClientFixture {
  doc: Y.Doc;
  modelDoc: Y.Doc;
  clock: ManualClock;
  page: FakePage;
  labels: LabelsBridge;
  model: ModelBridge;
  app: AppModel;
  peers: Signal<readonly Peer[]>;
  prefetched: string[][];
  blobs: Map<string, ArrayBuffer>;
  /** A second annotator writing into the same document (a remote peer without a network). */
  remote(name: string): EventWriter;
}

/** Options of createClientFixture. */
export interface ClientFixtureOptions {
  classes?: string[];
  imageCount?: number;
  role?: Role;
  annotator?: string;
  seed?: number;
}

/** Builds an app model for `annotator` over a fresh labels document. */
export function createClientFixture(options: ClientFixtureOptions = {}): ClientFixture {
  const classes = options.classes ?? ['cat', 'dog', 'bird'];
  const imageCount = options.imageCount ?? 40;
  const annotator = options.annotator ?? 'alice';
  const doc = createLabelsDoc({ classes, imageCount });
  const modelDoc = new Y.Doc();
  const clock = createManualClock();
  const page = createFakePage();
  const rng = createSeededRandom(options.seed ?? 7);
  let ids = 0;
  const labels = createLabelsBridge(doc, { annotator, now: clock.read });
  const model = createModelBridge(modelDoc, () => `job-${++ids}`);
  const peers = signal<readonly Peer[]>([]);
  const prefetched: string[][] = [];
  const blobs = new Map<string, ArrayBuffer>();
  const config: ProjectConfig = { projectId: 'test', title: 'Test project', annotator, role: options.role ?? 'annotator', classes, imageCount };
  const app = createAppModel({
    config,
    labels,
    model,
    presence: {
      peers,
      self: { name: annotator, color: '#000' },
      setSelection: () => undefined,
      setBatch: () => undefined,
      dispose: () => undefined,
    },
    imageUrl: (row, size) => `/img/${row}?size=${size ?? 0}`,
    loadBlob: async (sha) => {
      const bytes = blobs.get(sha);
      if (!bytes) throw new Error(`no blob ${sha}`);
      return bytes;
    },
    dwellEnv: page,
    rng: () => rng.next(),
    now: clock.read,
    prefetch: (urls) => prefetched.push([...urls]),
  });
  return {
    doc,
    modelDoc,
    clock,
    page,
    labels,
    model,
    app,
    peers,
    prefetched,
    blobs,
    remote: (name) => new EventWriter(doc, name, new HybridClock(clock.read)),
  };
}
