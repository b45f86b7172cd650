// @vitest-environment jsdom
// Component tests of the Train tab's image-augmentation controls (§3.6 of the behaviour reference):
// the on/off switch, per-operation checkboxes and values for training and FixMatch strong, reset,
// the settings a train job carries, persistence, the preview's canvas fallback and its pixel helpers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type * as Y from 'yjs';
import { createAppModel } from '../../../client/models/app-model.ts';
import { TRAINING_FORMS_KEY_PREFIX } from '../../../client/models/training-forms.ts';
import { restoreTrainOptions } from '../../../client/models/train-form.ts';
import { floatRgbToRgba, rgbaToFloatRgb } from '../../../client/models/augment-pixels.ts';
import { augmentVariants } from '../../../client/models/augment-preview.ts';
import { AUGMENT_OPERATIONS, DEFAULT_AUGMENT_PARAMS, DEFAULT_STRONG_IMAGE_AUGMENT, DEFAULT_TRAIN_OPTIONS, parseTrainOptions } from '../../../shared/training/index.ts';
import { MODEL_JOBS_KEY } from '../../../shared/schema/model-doc.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';
import { mountApp } from '../../helpers/mounted-app.tsx';
import type { MountedApp } from '../../helpers/mounted-app.tsx';
import { createSeededRandom } from '../../helpers/seeded-random.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let app: MountedApp;
let scratch: HTMLElement;
let fx: ClientFixture;

const q = <T extends Element = HTMLElement>(testId: string): T => app.q<T>(testId);
const input = (testId: string): HTMLInputElement => q<HTMLInputElement>(testId);
const type = (testId: string, v: string): void => app.type(testId, v);
const click = (testId: string): void => app.click(testId);
const options = () => fx.app.forms.train.options.value;
const jobs = (): Record<string, unknown>[] => {
  const out: Record<string, unknown>[] = [];
  (fx.modelDoc.getMap(MODEL_JOBS_KEY) as Y.Map<Y.Map<unknown>>).forEach((m) => out.push(m.toJSON()));
  return out;
};

beforeEach(() => {
  app = mountApp();
  ({ scratch, fx } = app);
  click('tab-button-train');
});
afterEach(() => app.unmount());

describe('Train tab: image augmentation', () => {
  it('[§3.6] shows the defaults: training augmentation on, one row per operation in application order', () => {
    expect(q('augmentation').querySelector('legend')?.textContent).toBe('Image augmentation');
    expect(q('augmentation').textContent).toContain('with pre-extracted features, FixMatch augments the feature maps instead');
    expect(input('aug-enabled').checked).toBe(true);
    expect([...scratch.querySelectorAll('.aug-table tbody tr')].map((tr) => tr.getAttribute('data-op'))).toEqual([...AUGMENT_OPERATIONS]);
    expect(scratch.querySelector('[data-op="zoom_scale"] th')?.textContent).toBe('zoom (min. crop area)');
    expect(scratch.querySelector('[data-op="zoom_scale"] th')?.getAttribute('title')).toMatch(/crop/i);
    for (const op of AUGMENT_OPERATIONS) {
      expect(input(`aug-train-${op}`).checked, op).toBe(op in DEFAULT_AUGMENT_PARAMS);
      expect(input(`aug-strong-${op}`).checked, op).toBe(op in DEFAULT_STRONG_IMAGE_AUGMENT);
    }
    // Switches have no number box; the others do, 0–1 in steps of 0.05.
    expect(scratch.querySelector('[data-testid="aug-train-rot90-value"]')).toBeNull();
    expect(input('aug-train-gaussian_blur-value').value).toBe('0.2');
    expect(input('aug-strong-jitter-value').value).toBe('1');
    expect(['min', 'max', 'step'].map((a) => input('aug-train-gaussian_blur-value').getAttribute(a))).toEqual(['0', '1', '0.05']);
    expect(input('aug-train-shear-value').disabled).toBe(true);
    expect(input('aug-train-gaussian_blur').getAttribute('aria-label')).toBe('blur (probability) (training)');
    expect(options().augment).toEqual(DEFAULT_AUGMENT_PARAMS);
  });

  it('[§3.6] the master checkbox sets augment to false and back to the settings it had', () => {
    click('aug-train-mask');
    const edited = options().augment;
    expect(edited).not.toHaveProperty('mask');
    click('aug-enabled');
    expect(options().augment).toBe(false);
    expect(input('aug-enabled').checked).toBe(false);
    expect(input('aug-train-gaussian_blur').checked).toBe(false);
    expect(input('aug-train-gaussian_blur').disabled).toBe(true);
    expect(input('aug-strong-jitter').disabled).toBe(false);
    click('aug-enabled');
    expect(options().augment).toEqual(edited);
    expect(input('aug-train-gaussian_blur').checked).toBe(true);
  });

  it('[§3.6] unchecking an operation removes its key; checking adds the default value (else 0.2, switches true)', () => {
    click('aug-train-gaussian_blur');
    expect(options().augment).not.toHaveProperty('gaussian_blur');
    expect(input('aug-train-gaussian_blur-value').disabled).toBe(true);
    click('aug-train-gaussian_blur');
    expect(options().augment).toMatchObject({ gaussian_blur: 0.2 });
    click('aug-train-shear');
    expect(options().augment).toMatchObject({ shear: 0.2 });
    click('aug-strong-jitter');
    expect(options().strongAugment).not.toHaveProperty('jitter');
    click('aug-strong-jitter');
    expect(options().strongAugment).toMatchObject({ jitter: 1 });
    click('aug-train-jitter');
    expect(options().augment).toMatchObject({ jitter: 0.2 });
    click('aug-strong-flip_up_down');
    expect(options().strongAugment).toMatchObject({ flip_up_down: true });
    click('aug-strong-flip_left_right');
    expect(options().strongAugment).not.toHaveProperty('flip_left_right');
  });

  it('[§3.6] editing a number sets the value; out of range shows the parser error and disables Make it so', () => {
    type('aug-train-gaussian_blur-value', '0.35');
    expect(options().augment).toMatchObject({ gaussian_blur: 0.35 });
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(false);
    expect(scratch.querySelector('[data-testid="train-form-error"]')).toBeNull();
    type('aug-strong-mask-value', '1.5');
    expect(q('train-form-error').textContent).toContain('strongAugment.mask must be a number from 0 to 1');
    expect(q('aug-error').textContent).toBe(q('train-form-error').textContent);
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(true);
    expect(input('aug-strong-mask-value').getAttribute('aria-invalid')).toBe('true');
    act(() => q<HTMLButtonElement>('make-it-so').click());
    expect(jobs()).toHaveLength(0);
    type('aug-strong-mask-value', '');
    expect(q('train-form-error').textContent).toContain('strongAugment.mask');
    type('aug-strong-mask-value', '0.6');
    expect(q<HTMLButtonElement>('make-it-so').disabled).toBe(false);
    expect(input('aug-strong-mask-value').getAttribute('aria-invalid')).toBeNull();
    expect(scratch.querySelector('[data-testid="aug-error"]')).toBeNull();
    expect(options().strongAugment).toMatchObject({ mask: 0.6 });
  });

  it('[§3.6] "Reset to defaults" restores each column (and turns training augmentation back on)', () => {
    click('aug-train-gaussian_blur');
    type('aug-train-mask-value', '0.9');
    click('aug-strong-solarize');
    click('aug-strong-zoom_scale');
    click('aug-reset-strong');
    expect(options().strongAugment).toEqual(DEFAULT_STRONG_IMAGE_AUGMENT);
    expect(options().augment).not.toEqual(DEFAULT_AUGMENT_PARAMS);
    click('aug-enabled');
    click('aug-reset-train');
    expect(options().augment).toEqual(DEFAULT_AUGMENT_PARAMS);
    expect(input('aug-enabled').checked).toBe(true);
    expect(input('aug-train-mask-value').value).toBe('0.2');
  });

  it('[§4] the job "Make it so" writes carries the augmentation settings', () => {
    click('aug-train-rot90');
    type('aug-train-hue_delta-value', '0.1');
    click('aug-strong-jitter');
    click('aug-strong-pixel_mask');
    act(() => q<HTMLButtonElement>('make-it-so').click());
    const training = ((jobs()[0]?.['settings'] as Record<string, unknown>)['training'] ?? {}) as Record<string, unknown>;
    const { rot90: _rot90, ...withoutRot } = DEFAULT_AUGMENT_PARAMS;
    expect(training['augment']).toEqual({ ...withoutRot, hue_delta: 0.1 });
    const { jitter: _jitter, ...withoutJitter } = DEFAULT_STRONG_IMAGE_AUGMENT;
    expect(training['strongAugment']).toEqual({ ...withoutJitter, pixel_mask: 0.2 });
    expect(parseTrainOptions(training).augment).toEqual({ ...withoutRot, hue_delta: 0.1 });

    click('aug-enabled');
    act(() => q<HTMLButtonElement>('make-it-so').click());
    const all = jobs().map((j) => (j['settings'] as { training: Record<string, unknown> }).training['augment']);
    expect(all).toContainEqual(false);
  });

  it('settings with augment off or edited survive a reload', () => {
    click('aug-enabled');
    click('aug-strong-jitter');
    type('aug-strong-mask-value', '0.45');
    const stored = JSON.parse(localStorage.getItem(`${TRAINING_FORMS_KEY_PREFIX}test`) ?? '{}');
    expect(stored.train.augment).toBe(false);
    const reloaded = createAppModel({ ...fx.app.deps });
    try {
      const { jitter: _jitter, ...withoutJitter } = DEFAULT_STRONG_IMAGE_AUGMENT;
      expect(reloaded.forms.train.options.value).toEqual({ ...DEFAULT_TRAIN_OPTIONS, augment: false, strongAugment: { ...withoutJitter, mask: 0.45 } });
    } finally {
      reloaded.dispose();
    }
  });

  it('restoreTrainOptions keeps stored augmentation objects and false, and repairs a bad operation', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(restoreTrainOptions({ augment: false, strongAugment: { shear: 0.3, rot90: true } })).toEqual({ ...DEFAULT_TRAIN_OPTIONS, augment: false, strongAugment: { shear: 0.3, rot90: true } });
      expect(restoreTrainOptions(JSON.parse(JSON.stringify({ augment: { mask: 0.5 }, strongAugment: {} })))).toMatchObject({ augment: { mask: 0.5 }, strongAugment: {} });
      // A box left empty is stored as null: that operation takes its default value (or is dropped), the rest stay.
      expect(restoreTrainOptions({ augment: { gaussian_blur: null, shear: null, mask: 0.7 } }).augment).toEqual({ gaussian_blur: 0.2, mask: 0.7 });
      expect(restoreTrainOptions({ strongAugment: { jitter: 2 } }).strongAugment).toEqual({ jitter: 1 });
      // An unknown operation is dropped; a value that is not an object, true or false takes the default.
      expect(restoreTrainOptions({ augment: { warp: 0.2, mask: 0.5 }, epochs: 4 })).toEqual({ ...DEFAULT_TRAIN_OPTIONS, augment: { mask: 0.5 }, epochs: 4 });
      expect(restoreTrainOptions({ augment: 'lots' }).augment).toEqual(DEFAULT_AUGMENT_PARAMS);
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('the preview says it needs a canvas where there is none (jsdom), and the form keeps working', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(scratch.querySelector('[data-testid="aug-preview"]')).toBeNull();
      act(() => {
        q<HTMLDetailsElement>('aug-details').open = true;
      });
      await waitFor(() => scratch.querySelector('[data-testid="aug-preview"]'), { what: 'the preview to open' });
      expect(q('aug-preview-unavailable').textContent).toContain('needs a browser canvas');
      click('aug-train-gaussian_blur');
      expect(options().augment).not.toHaveProperty('gaussian_blur');
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });
});

describe('augmentation preview helpers', () => {
  it('RGBA bytes → float RGB → RGBA round-trips (alpha becomes opaque)', () => {
    const random = createSeededRandom(11);
    const [w, h] = [7, 5];
    const rgba = new Uint8ClampedArray(w * h * 4).map(() => random.int(256));
    const rgb = rgbaToFloatRgb(rgba, w, h);
    expect(rgb).toHaveLength(w * h * 3);
    expect(rgb[3 * 4 + 1]).toBeCloseTo((rgba[4 * 4 + 1] as number) / 255, 6);
    expect(Math.min(...rgb)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...rgb)).toBeLessThanOrEqual(1);
    const back = floatRgbToRgba(rgb, w, h);
    const expected = rgba.map((v, i) => (i % 4 === 3 ? 255 : v));
    expect([...back]).toEqual([...expected]);
  });

  it('float → RGBA clips to [0, 1], maps NaN to 0, writes into a given buffer and checks sizes', () => {
    const out = new Uint8ClampedArray(8);
    const result = floatRgbToRgba(new Float32Array([-0.5, 1.7, 0.5, Number.NaN, 0.2, 1]), 2, 1, out);
    expect(result).toBe(out);
    expect([...out]).toEqual([0, 255, 128, 255, 0, 51, 255, 255]);
    expect(() => rgbaToFloatRgb(new Uint8ClampedArray(7), 2, 1)).toThrow(/8 RGBA bytes/);
    expect(() => floatRgbToRgba(new Float32Array(5), 2, 1)).toThrow(/6 values/);
  });

  it('augmented copies are reproducible from the seed and differ between seeds; false leaves them unchanged', () => {
    const random = createSeededRandom(3);
    const size = 24;
    const image = new Float32Array(size * size * 3).map(() => random.next());
    const params = { ...DEFAULT_STRONG_IMAGE_AUGMENT };
    const a = augmentVariants(image, size, params, 4, 42);
    const b = augmentVariants(image, size, params, 4, 42);
    const c = augmentVariants(image, size, params, 4, 43);
    expect(a).toHaveLength(4);
    expect(a.map((x) => [...x])).toEqual(b.map((x) => [...x]));
    expect(a.map((x) => [...x])).not.toEqual(c.map((x) => [...x]));
    expect(a.some((x) => x.some((v, i) => v !== image[i]))).toBe(true);
    expect(a.every((x) => x.every((v) => v >= 0 && v <= 1))).toBe(true);
    expect(augmentVariants(image, size, false, 2, 1).map((x) => [...x])).toEqual([[...image], [...image]]);
  });
});
