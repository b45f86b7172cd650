// The augmentation preview of the Train tab: one relay image (pick a row, or a random one) and
// seeded augmented copies of it with the training and the FixMatch strong settings, so a user sees
// what the model will see. Where there is no 2D canvas it says so instead.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TrainOptions } from '../../shared/training/index.ts';
import { PREVIEW_SIZE, PREVIEW_SOURCE_SIZE, PREVIEW_VARIANTS, augmentVariants, canvas2dAvailable, drawImagePixels, loadImagePixels } from '../models/augment-preview.ts';
import type { ImageUrlFn } from '../models/augment-preview.ts';

/** Props of AugmentPreview. */
export interface AugmentPreviewProps {
  /** The validated Train options (null while the form has an error: the copies then stay as they are). */
  options: TrainOptions | null;
  /** Relay image URLs, or null when this page has none. */
  imageUrl: ImageUrlFn | null;
  /** Images in the project, when known (bounds the row; enables "another image"). */
  imageCount: number | null;
}

/** Seed of FixMatch's strong copies, a different stream from the training copies' `seed`. */
const strongSeed = (seed: number): number => (seed ^ 0x5bd1e995) >>> 0;
const newSeed = (): number => 1 + Math.floor(Math.random() * 0x7ffffffe);

/** A random row of `count`, other than `row` when there is another. */
function randomOtherRow(row: number, count: number): number {
  if (count < 2 || !Number.isInteger(row) || row < 0 || row >= count) return Math.floor(Math.random() * count);
  const next = Math.floor(Math.random() * (count - 1));
  return next >= row ? next + 1 : next;
}

type Loaded = { url: string; image: Float32Array };

function Strip({ name, testId, row, refs }: { name: string; testId: string; row: number; refs: { current: (HTMLCanvasElement | null)[] } }) {
  return (
    <div class="aug-strip" data-testid={testId}>
      <span class="aug-strip-name">{name}</span>
      <div class="aug-strip-images">
        {Array.from({ length: PREVIEW_VARIANTS }, (_, i) => (
          <canvas key={i} width={PREVIEW_SIZE} height={PREVIEW_SIZE} role="img" aria-label={`image ${row}, ${name} augmentation ${i + 1}`} ref={(el) => void (refs.current[i] = el)} />
        ))}
      </div>
    </div>
  );
}

/** The preview: row picker, "another image", "resample", the original and the augmented copies. */
export function AugmentPreview({ options, imageUrl, imageCount }: AugmentPreviewProps) {
  const canvasOk = useMemo(() => canvas2dAvailable(), []);
  const [row, setRow] = useState(0);
  const [seed, setSeed] = useState(1);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [drawn, setDrawn] = useState('');
  const original = useRef<HTMLCanvasElement>(null);
  const trainRefs = useRef<(HTMLCanvasElement | null)[]>([]);
  const strongRefs = useRef<(HTMLCanvasElement | null)[]>([]);
  const rowOk = Number.isInteger(row) && row >= 0 && (imageCount === null || row < imageCount);
  const url = canvasOk && imageUrl && rowOk ? imageUrl(row, PREVIEW_SOURCE_SIZE) : null;
  const settingsKey = options ? JSON.stringify([options.augment, options.strongAugment]) : null;

  useEffect(() => {
    if (!url) return undefined;
    let live = true;
    setProblem(null);
    loadImagePixels(url, PREVIEW_SIZE).then(
      (image) => {
        if (live) setLoaded({ url, image });
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded(null);
        setProblem(`Image ${row} could not be loaded${error instanceof Error && error.message ? ` (${error.message})` : ''}.`);
      },
    );
    return () => {
      live = false;
    };
  }, [url]);

  useEffect(() => {
    if (!loaded || loaded.url !== url || !original.current) return;
    drawImagePixels(original.current, loaded.image, PREVIEW_SIZE);
    if (!options) return;
    try {
      const sets: [(HTMLCanvasElement | null)[], Float32Array[]][] = [
        [trainRefs.current, augmentVariants(loaded.image, PREVIEW_SIZE, options.augment, PREVIEW_VARIANTS, seed)],
        [strongRefs.current, augmentVariants(loaded.image, PREVIEW_SIZE, options.strongAugment, PREVIEW_VARIANTS, strongSeed(seed))],
      ];
      for (const [canvases, images] of sets) {
        images.forEach((image, i) => {
          const canvas = canvases[i];
          if (canvas) drawImagePixels(canvas, image, PREVIEW_SIZE);
        });
      }
      setDrawn(`${row}:${seed}`);
    } catch (error) {
      console.warn('patchwork: the augmentation preview failed', error);
      setProblem(`The preview failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // settingsKey stands for `options`' augmentation settings; other Train fields do not redraw.
  }, [loaded, url, seed, settingsKey]);

  const controls = (
    <div class="aug-preview-controls">
      <label class="field">
        <span>Row</span>
        <input
          type="number"
          data-testid="aug-preview-row"
          min={0}
          max={imageCount === null ? undefined : imageCount - 1}
          step={1}
          value={Number.isFinite(row) ? String(row) : ''}
          aria-invalid={rowOk ? undefined : 'true'}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLInputElement).value.trim();
            setRow(text === '' ? Number.NaN : Number(text));
          }}
        />
      </label>
      <button
        type="button"
        data-testid="aug-preview-another"
        disabled={!imageCount}
        title={imageCount ? 'Shows a random image of the project.' : 'The number of images is not known yet.'}
        onClick={() => imageCount && setRow(randomOtherRow(row, imageCount))}
      >
        another image
      </button>
      <button type="button" data-testid="aug-preview-resample" title="Draws new random augmentations of the same image." onClick={() => setSeed(newSeed())}>
        resample
      </button>
      <span class="muted" data-testid="aug-preview-seed">
        seed {seed}
      </span>
    </div>
  );
  let body;
  if (!canvasOk) {
    body = (
      <p class="muted" data-testid="aug-preview-unavailable">
        The preview needs a browser canvas.
      </p>
    );
  } else if (!imageUrl) {
    body = <p class="muted">No image source for the preview.</p>;
  } else {
    body = (
      <>
        {!rowOk && <p class="error form-error">Row must be a whole number from 0{imageCount ? ` to ${imageCount - 1}` : ''}.</p>}
        {problem && <p class="error form-error">{problem}</p>}
        {!options && <p class="muted">Fix the settings to update the preview.</p>}
        <div class="aug-strip" data-testid="aug-preview-original-strip">
          <span class="aug-strip-name">original</span>
          <div class="aug-strip-images">
            <canvas ref={original} width={PREVIEW_SIZE} height={PREVIEW_SIZE} role="img" aria-label={`image ${row}`} data-testid="aug-preview-original" />
          </div>
        </div>
        <Strip name="training" testId="aug-preview-training" row={row} refs={trainRefs} />
        <Strip name="FixMatch strong" testId="aug-preview-strong" row={row} refs={strongRefs} />
      </>
    );
  }
  return (
    <div class="aug-preview" data-testid="aug-preview" data-drawn={drawn || undefined}>
      <h4>Preview</h4>
      {canvasOk && controls}
      {body}
    </div>
  );
}
