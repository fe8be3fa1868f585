/**
 * Colour-blind-friendly categorical palette: Okabe–Ito (without the low-contrast yellow),
 * extended with three of Paul Tol's muted colours so ten classes get distinct colours.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
  '#882255', // wine
  '#999933', // olive
  '#332288', // indigo
];

/** Colour for the i-th series, cycling through PALETTE. */
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** `color` with opacity `alpha` if it is a #rrggbb hex colour; other CSS colours are returned as is. */
export function withAlpha(color: string, alpha: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return color;
  const byte = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  return `${color}${byte.toString(16).padStart(2, '0')}`;
}

/** Opacity of a band's fill (mean ± std around a line), in the PNG charts and on the page. */
export const BAND_ALPHA = 0.18;
