// The fused colour pass behind brightness, contrast, saturation and hue (§3.6, tf.image
// semantics): one per-channel affine map (brightness × then contrast about the channel mean)
// followed by an HSV saturation scale and hue shift, all in a single sweep over the pixels.
import type { ImageShape3 } from './image-buffers.ts';

/** One fused adjustment, applied in this order without clipping in between. */
export interface ColourAdjustment {
  /** Multiplier of every value (1 = none). */
  brightness: number;
  /** tf.image.adjust_contrast factor about each channel's mean (1 = none). */
  contrast: number;
  /** Multiplier of HSV saturation, result clipped to [0, 1] (1 = none; RGB only). */
  saturation: number;
  /** Shift of HSV hue, mod 1 (0 = none; RGB only). */
  hue: number;
}

/** The adjustment that changes nothing. */
export const IDENTITY_ADJUSTMENT: Readonly<ColourAdjustment> = Object.freeze({ brightness: 1, contrast: 1, saturation: 1, hue: 0 });

let means: Float64Array = new Float64Array(4);

/**
 * Applies `adjustment` in place: x·b, then (x − mean)·f + mean per channel (the mean of the
 * brightened image), then — for 3-channel images — tf.image's rgb_to_hsv, S·s clipped to [0, 1],
 * (H + h) mod 1, hsv_to_rgb. Other channel counts get the affine part only. With `clip`, results
 * are clipped to [0, 1] in the same pass (jitter clips after each step).
 */
export function adjustColour(image: Float32Array, shape: ImageShape3, adjustment: ColourAdjustment, clip = false): void {
  const c = shape.channels;
  const { brightness: b, contrast: f, saturation, hue } = adjustment;
  if (means.length < c) means = new Float64Array(c);
  means.fill(0, 0, c);
  if (f !== 1) {
    if (c === 3) {
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      for (let i = 0; i < image.length; i += 3) {
        m0 += image[i] ?? 0;
        m1 += image[i + 1] ?? 0;
        m2 += image[i + 2] ?? 0;
      }
      [means[0], means[1], means[2]] = [m0, m1, m2];
    } else {
      for (let i = 0; i < image.length; i += c) for (let ch = 0; ch < c; ch++) means[ch] = (means[ch] ?? 0) + (image[i + ch] ?? 0);
    }
    const pixels = shape.height * shape.width;
    for (let ch = 0; ch < c; ch++) means[ch] = (b * (means[ch] ?? 0) * (1 - f)) / pixels; // now the offset
  }
  const scale = b * f;
  const useHsv = c === 3 && (saturation !== 1 || hue !== 0);
  if (!useHsv) {
    if (scale === 1 && f === 1 && !clip) return;
    for (let i = 0; i < image.length; i += c) {
      for (let ch = 0; ch < c; ch++) {
        const v = (image[i + ch] ?? 0) * scale + (means[ch] ?? 0);
        image[i + ch] = clip ? clamp01(v) : v;
      }
    }
    return;
  }
  const o0 = means[0] ?? 0;
  const o1 = means[1] ?? 0;
  const o2 = means[2] ?? 0;
  for (let i = 0; i < image.length; i += 3) {
    const r = (image[i] ?? 0) * scale + o0;
    const g = (image[i + 1] ?? 0) * scale + o1;
    const bl = (image[i + 2] ?? 0) * scale + o2;
    const v = r > g ? (r > bl ? r : bl) : g > bl ? g : bl;
    const range = v - (r < g ? (r < bl ? r : bl) : g < bl ? g : bl);
    if (range <= 0) {
      // Grey: saturation 0 stays 0 and hue has no effect.
      image[i] = clip ? clamp01(r) : r;
      image[i + 1] = clip ? clamp01(g) : g;
      image[i + 2] = clip ? clamp01(bl) : bl;
      continue;
    }
    let s = v > 0 ? range / v : 0;
    const norm = 1 / (6 * range);
    let h = r === v ? norm * (g - bl) : g === v ? norm * (bl - r) + 2 / 6 : norm * (r - g) + 4 / 6;
    if (h < 0) h += 1;
    s *= saturation;
    s = s < 0 ? 0 : s > 1 ? 1 : s;
    h += hue;
    h -= Math.floor(h);
    // hsv_to_rgb as channel(n) = V − C·clamp(min(k, 4 − k), 0, 1), k = (n + 6H) mod 6, n = 5, 3, 1.
    const chroma = s * v;
    const dh = h * 6;
    const outR = v - chroma * hsvRamp(dh + 5);
    const outG = v - chroma * hsvRamp(dh + 3);
    const outB = v - chroma * hsvRamp(dh + 1);
    image[i] = clip ? clamp01(outR) : outR;
    image[i + 1] = clip ? clamp01(outG) : outG;
    image[i + 2] = clip ? clamp01(outB) : outB;
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** The piecewise-linear weight of hsv_to_rgb for k = n + 6H in [0, 12). */
function hsvRamp(k: number): number {
  const m = k >= 6 ? k - 6 : k;
  const t = m < 4 - m ? m : 4 - m;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}
