/** Continuous colour scales for heat maps and image tiles. */
export type ColorScale = 'diverging' | 'sequential' | 'grey';

export type Rgb = readonly [number, number, number];

// Evenly spaced anchors; values between anchors are linearly interpolated in sRGB.
const ANCHORS: Record<ColorScale, readonly Rgb[]> = {
  // ColorBrewer RdBu (9 classes) reversed: blue for negative, near-white at the centre, red for positive.
  diverging: [
    [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
    [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43],
  ],
  // viridis, 9 evenly spaced samples.
  sequential: [
    [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
    [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
  ],
  grey: [[0, 0, 0], [255, 255, 255]],
};

/** Colour of `scale` at t ∈ [0, 1] (clamped), as integer RGB. */
export function colorAt(scale: ColorScale, t: number): Rgb {
  const anchors = ANCHORS[scale];
  const pos = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = anchors[i]!;
  const b = anchors[i + 1]!;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** Colour range [lo, hi] of finite values; symmetric ranges are [−max|v|, max|v|] (centred at 0). */
export function valueRange(values: ArrayLike<number>, symmetric: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [0, 1];
  if (symmetric) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    return [-m, m];
  }
  return [lo, hi];
}

/** Grey used for NaN/±Infinity cells. */
export const MISSING_RGB: Rgb = [190, 190, 190];

/** RGBA pixels for `values` mapped through `scale` over `range` (a flat range maps to the middle colour). */
export function toRgba(values: ArrayLike<number>, scale: ColorScale, range: readonly [number, number]): Uint8ClampedArray {
  const [lo, hi] = range;
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const rgb = Number.isFinite(v) ? colorAt(scale, hi > lo ? (v - lo) / (hi - lo) : 0.5) : MISSING_RGB;
    out[4 * i] = rgb[0];
    out[4 * i + 1] = rgb[1];
    out[4 * i + 2] = rgb[2];
    out[4 * i + 3] = 255;
  }
  return out;
}
