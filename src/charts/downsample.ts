import type { Point } from './axes.js';

/** Series longer than this are downsampled before drawing. */
export const MAX_DRAW_POINTS = 2000;

/**
 * Reduce `points` to at most `maxPoints` (≥ 4) for drawing: keeps the first and last point and,
 * from each of the equal-width index buckets in between, the minimum- and maximum-y points in
 * their original order, so spikes and the overall envelope survive.
 */
export function downsampleMinMax(points: readonly Point[], maxPoints = MAX_DRAW_POINTS): Point[] {
  if (maxPoints < 4) throw new Error(`downsampleMinMax: maxPoints must be at least 4, got ${maxPoints}`);
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  const interior = n - 2;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out: Point[] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets);
    let iMin = start;
    let iMax = start;
    for (let i = start + 1; i < end; i++) {
      const y = points[i]!.y;
      if (y < points[iMin]!.y) iMin = i;
      if (y > points[iMax]!.y) iMax = i;
    }
    out.push(points[Math.min(iMin, iMax)]!);
    if (iMin !== iMax) out.push(points[Math.max(iMin, iMax)]!);
  }
  out.push(points[n - 1]!);
  return out;
}
