/**
 * Fig. 1 (lae-scalar): each landscape as a heat map with level lines, the critical points of theory
 * (saddles as triangles, minima as stars, minima hyperbolas as lines) and the gradient-descent paths,
 * with the PNG's colour range (lowest value to lowest + 2x²) and level lines (fractions of x²).
 */
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import type { XySeries } from '../spec.js';
import { markers, needArray, needFile, needNumber, needNumbers, needObject, needString, type SectionBuilder } from './util.js';

export const SADDLE_COLOR = '#ffd92f';
export const MINIMUM_COLOR = '#e41a1c';
export const PATH_COLOR = '#ff5fc8';
const LEVELS = [0.1, 0.25, 0.5, 1, 1.25, 1.5, 2];

/** The two branches of w2w1 = c inside [−r, r]² (c > 0). */
export function hyperbolaBranches(c: number, r: number, samples = 120): { x: number[]; y: number[] }[] {
  const lo = c / r;
  const w = Array.from({ length: samples }, (_, i) => lo * (r / lo) ** (i / (samples - 1)));
  return [
    { x: w, y: w.map((v) => c / v) },
    { x: w.map((v) => -v), y: w.map((v) => -c / v) },
  ];
}

export const laeScalar: SectionBuilder = (sim) => {
  const data = needObject(needFile(sim, 'landscapes.json'), 'landscapes.json');
  const x2 = needNumber(data['x2'], 'x2');
  const [lo, hi] = needNumbers(data['range'], 'range') as [number, number];
  const n = needNumber(data['resolution'], 'resolution');
  const charts = needArray(data['landscapes'], 'landscapes').map((entry, i) => {
    const land = needObject(entry, `landscapes[${i}]`);
    const kind = needString(land['kind'], 'kind') as LossKind;
    const lambda = needNumber(land['lambda'], 'lambda');
    const values = needNumbers(land['values'], 'values');
    if (values.length !== n * n) throw new Error(`landscapes[${i}]: ${values.length} values for resolution ${n}`);
    const low = Math.min(...values);
    const high = low + 2 * x2;
    const overlays: XySeries[] = [];
    for (const c of needArray(land['curves'], 'curves')) {
      const product = needNumber(needObject(c, 'curve')['product'], 'curve product');
      hyperbolaBranches(product, hi).forEach((b, j) =>
        overlays.push({ label: `global minima w2w1 = ${+product.toFixed(4)}`, ...b, color: MINIMUM_COLOR, width: 2.5, hideInLegend: j > 0 }),
      );
    }
    const descents = needArray(land['descents'], 'descents').map((d) => needObject(d, 'descent'));
    descents.forEach((d, j) => {
      const path = needArray(d['path'], 'path').map((p) => needNumbers(p, 'path point'));
      overlays.push({ label: 'gradient descent', x: path.map((p) => p[0]!), y: path.map((p) => p[1]!), color: PATH_COLOR, width: 2.5, hideInLegend: j > 0 });
    });
    const points = needArray(land['criticalPoints'], 'criticalPoints').map((p) => needObject(p, 'critical point'));
    const at = (type: (t: string) => boolean) =>
      points.filter((p) => type(needString(p['type'], 'type'))).map((p) => ({ x: needNumber(p['w1'], 'w1'), y: needNumber(p['w2'], 'w2') }));
    const saddles = at((t) => t === 'saddle');
    const minima = at((t) => t !== 'saddle');
    if (saddles.length > 0) overlays.push(markers('saddle', saddles, SADDLE_COLOR, 'triangle', 8));
    if (minima.length > 0) overlays.push(markers(kind === 'sum' && lambda >= x2 ? 'minimum (origin)' : 'global minimum', minima, MINIMUM_COLOR, 'star', 10));
    if (descents.length > 0) {
      const starts = descents.map((d) => needNumbers(d['start'], 'start')).map((s) => ({ x: s[0]!, y: s[1]! }));
      overlays.push(markers('GD start', starts, PATH_COLOR, 'circle', 6));
    }
    const regime = lambda < x2 ? '<' : lambda > x2 ? '>' : '=';
    const label = LOSS_LABELS[kind] ?? kind;
    const title = kind === 'unregularized' ? `${label}, x² = ${x2}` : `${label}, λ = ${lambda} ${regime} x² = ${x2}`;
    const ends = descents.map((d) => (typeof d['endedAt'] === 'string' ? d['endedAt'] : '')).filter((s) => s !== '');
    return {
      kind: 'heatmap' as const,
      title,
      subtitle: ends.length > 0 ? `gradient descent ended at: ${[...new Set(ends)].join('; ')}` : undefined,
      xLabel: 'w1',
      yLabel: 'w2',
      values,
      rows: n,
      cols: n,
      xRange: [lo, hi] as [number, number],
      yRange: [lo, hi] as [number, number],
      colorScale: 'sequential' as const,
      valueRange: [low, high] as [number, number],
      colorBarLabel: 'loss',
      contours: LEVELS.map((f) => +(f * x2).toPrecision(6)).filter((v) => v > low && v < high),
      overlays,
    };
  });
  return { charts, tables: [], notes: [] };
};
