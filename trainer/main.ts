// `patchwork trainer --url <http://host:port> --token <t> [--features f.npy | --extractor model.json]`:
// the daemon entry. Parses the command line, starts the backend, loads (or extracts) the features,
// joins the relay and runs until SIGINT/SIGTERM. User mistakes are one line on stderr and a non-zero exit.
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, initBackend } from './backend.ts';
import type { BackendChoice } from './backend.ts';
import { loadFeatures } from './data/features.ts';
import type { FeatureSet } from './data/features.ts';
import { startTrainerDaemon } from './daemon/daemon.ts';
import { createImageStore, createRelayImageReader, parseImshape, prepareExtractedFeatures } from './extract/index.ts';
import type { LiveExtractor } from './train/image-inputs.ts';
import { DEFAULT_AUGMENT_WORKERS, createAugmentPool } from './train/augment-pool.ts';
import type { JobHandler } from './daemon/job-handlers.ts';
import type { JobKind } from '../shared/schema/model-doc.ts';

/** Exit status for a user mistake (bad option, missing file, unreachable relay). */
export const EXIT_USAGE = 2;

/** Where the command writes. */
export interface TrainerIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Extra wiring for embedding and tests. */
export interface TrainerCommandOptions {
  io?: TrainerIo;
  /** Stops the daemon when aborted (default: SIGINT / SIGTERM). */
  signal?: AbortSignal;
  /** Extra job handlers (BADGE, graph) registered by their areas. */
  handlers?: Partial<Record<JobKind, JobHandler>>;
}

/** Usage text of `patchwork trainer`. */
export const TRAINER_USAGE = `usage: patchwork trainer --url <http://host:port> --token <token>
                         [--features <f.npy> | --extractor <model.json> [--imshape H,W] [--cache-dir <dir>] [--image-cache <MiB>] [--augment-workers <n>]]
                         [--backend auto|gpu|node|wasm|cpu] [--name <name>] [--auto-retrain <n>] [--project <id>]
`;

class UsageError extends Error {}

async function projectIdOf(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/health`);
  } catch (error) {
    throw new UsageError(`cannot reach the relay at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new UsageError(`the relay at ${url} answered HTTP ${response.status} to /api/health`);
  const body = (await response.json()) as { project?: unknown };
  if (typeof body.project !== 'string') throw new UsageError(`the relay at ${url} did not name its project`);
  return body.project;
}

/**
 * Runs the trainer daemon; resolves with the exit status once stopped.
 * @example
 * process.exitCode = await runTrainerCommand(['--url', 'http://127.0.0.1:8765', '--token', t]);
 */
export async function runTrainerCommand(argv: readonly string[], options: TrainerCommandOptions = {}): Promise<number> {
  const io = options.io ?? { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };
  const log = (line: string): void => io.stdout(`trainer: ${line}\n`);
  let features: FeatureSet | null = null;
  let live: LiveExtractor | null = null;
  let daemonStop: (() => Promise<void>) | null = null;
  /** Stops the augmentation workers and frees the extractor (normal stop and errors alike). */
  const releaseExtractor = async (): Promise<void> => {
    await live?.augmentPool?.dispose();
    live?.extractor.dispose();
  };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        features: { type: 'string' },
        extractor: { type: 'string' },
        imshape: { type: 'string' },
        'cache-dir': { type: 'string' },
        'image-cache': { type: 'string' },
        'augment-workers': { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        name: { type: 'string' },
        'auto-retrain': { type: 'string' },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      io.stdout(TRAINER_USAGE);
      return 0;
    }
    if (!values.url || !/^https?:\/\/[^/]+/.test(values.url)) throw new UsageError('--url must be the relay address, e.g. http://127.0.0.1:8765');
    if (!values.token) throw new UsageError('--token is required (create one with: patchwork token <dir> --role trainer --name <name>)');
    const backend = values.backend as BackendChoice;
    if (!BACKEND_CHOICES.includes(backend)) throw new UsageError(`--backend must be one of ${BACKEND_CHOICES.join(', ')}`);
    const autoText = values['auto-retrain'];
    const autoRetrain = autoText === undefined ? 0 : Number(autoText);
    if (!Number.isInteger(autoRetrain) || autoRetrain < 0) throw new UsageError('--auto-retrain must be a whole number of new labels');
    if (values.features && values.extractor) throw new UsageError('--features and --extractor cannot both be given: the extractor computes the features');
    if (!values.extractor && (values.imshape || values['cache-dir'] || values['image-cache'] || values['augment-workers'])) {
      throw new UsageError('--imshape, --cache-dir, --image-cache and --augment-workers apply only with --extractor');
    }
    const augmentWorkers = values['augment-workers'] === undefined ? DEFAULT_AUGMENT_WORKERS : Number(values['augment-workers']);
    if (!Number.isInteger(augmentWorkers) || augmentWorkers < 0 || augmentWorkers > 64) throw new UsageError('--augment-workers must be a whole number from 0 to 64');
    const imageCacheMiB = values['image-cache'] === undefined ? 1024 : Number(values['image-cache']);
    if (!Number.isFinite(imageCacheMiB) || imageCacheMiB < 0) throw new UsageError('--image-cache must be a size in MiB (0 or more)');
    const imshape = values.imshape ? parseImshape(values.imshape) : undefined;
    const url = values.url.replace(/\/+$/, '');
    await initBackend(backend, log);
    if (values.features) {
      features = await loadFeatures(values.features);
      log(`features: ${features.count} rows of shape [${features.rowShape.join(', ')}] (${features.dtype})`);
    } else if (!values.extractor) {
      log('no --features given: train, build and predict jobs will fail until the trainer is started with features');
    }
    const projectId = values.project ?? (await projectIdOf(url));
    if (values.extractor) {
      const abort = new AbortController();
      const onSignal = (): void => abort.abort(new Error('stopped during feature extraction'));
      options.signal?.addEventListener('abort', onSignal, { once: true });
      if (options.signal?.aborted) onSignal();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const prepared = await prepareExtractedFeatures({
          url,
          projectId,
          token: values.token,
          extractorPath: values.extractor,
          ...(imshape ? { shape: imshape } : {}),
          ...(values['cache-dir'] ? { cacheDir: values['cache-dir'] } : {}),
          signal: abort.signal,
          log,
          keepExtractor: true,
        });
        features = prepared.features;
        if (prepared.extractor) {
          const images = createImageStore({ read: createRelayImageReader({ url, projectId, token: values.token }), shape: prepared.shape, maxBytes: imageCacheMiB * 2 ** 20 });
          live = { extractor: prepared.extractor, images, augmentPool: createAugmentPool(augmentWorkers) };
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
        log('stopped during feature extraction');
        return 0;
      } finally {
        options.signal?.removeEventListener('abort', onSignal);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      log(`features: ${features.count} rows of shape [${features.rowShape.join(', ')}] (${features.dtype})`);
      if (live) {
        log(`training batches: augmented images through the extractor (image cache ${imageCacheMiB} MiB, ${augmentWorkers} augmentation workers)`);
      }
    }
    const daemon = startTrainerDaemon({
      url,
      token: values.token,
      projectId,
      features,
      live,
      ...(values.name ? { name: values.name } : {}),
      autoRetrain,
      ...(options.handlers ? { handlers: options.handlers } : {}),
      log,
    });
    daemonStop = () => daemon.stop();
    daemon.peer.labels.on('connection-close', (event) => {
      if (event && event.code >= 4000) log(`the relay closed the labels connection: ${event.code} ${event.reason}`);
    });
    await new Promise<void>((resolve) => {
      if (options.signal) {
        if (options.signal.aborted) resolve();
        options.signal.addEventListener('abort', () => resolve(), { once: true });
        return;
      }
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await daemon.stop();
    await releaseExtractor();
    log('stopped');
    return 0;
  } catch (error) {
    await daemonStop?.();
    await releaseExtractor();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`patchwork trainer: ${message}\n`);
    return error instanceof UsageError || (error instanceof Error && /^(Feature|Backend)/.test(error.name)) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? EXIT_USAGE : 1;
  }
}
