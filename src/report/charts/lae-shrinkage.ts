/** Fig. 5 (lae-shrinkage): (σᵢ², τᵢ²) per λ with the theory curves, per-λ colours along viridis as in the PNG. */
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import type { XyChartSpec, XySeries } from '../spec.js';
import { byLossOrder, filesMatching, hexAt, markers, needArray, needNumber, needNumbers, needObject, type SectionBuilder } from './util.js';

const THEORY_TEXT: Record<string, string> = { unregularized: 'τ² = 1', product: 'τ² = σ²/(σ² + λ)', sum: 'τ² = max(0, 1 − λ/σ²)' };
const DEGENERATE_COLOR = '#D55E00';

/** A colour per λ along viridis, its pale yellow end left out (as sims/lae-shrinkage.ts). */
const lambdaColor = (j: number, count: number) => hexAt('sequential', count === 1 ? 0 : (0.85 * j) / (count - 1));

export const laeShrinkage: SectionBuilder = (sim) => {
  const files = filesMatching(sim, /^shrinkage-(.+)\.json$/).sort((a, b) => byLossOrder(a.key, b.key));
  const charts = files.map(({ file, key, data }): XyChartSpec => {
    const d = needObject(data, file);
    const points = needArray(d['points'], `${file} points`).map((p) => needObject(p, 'point'));
    const theory = needArray(d['theory'], `${file} theory`).map((t) => needObject(t, 'theory curve'));
    const lambdas = theory.map((t) => (typeof t['lambda'] === 'number' ? t['lambda'] : null));
    const colors = lambdas.map((_, j) => lambdaColor(j, lambdas.length));
    const series: XySeries[] = [];
    lambdas.forEach((lambda, j) => {
      const mine = points.filter((p) => (p['lambda'] ?? null) === lambda && p['degenerate'] !== true);
      const xy = mine.map((p) => ({ x: needNumber(p['sigma2'], 'sigma2'), y: needNumber(p['tau2'], 'tau2') }));
      series.push(markers(lambda === null ? 'trained (λ does not enter L)' : `λ = ${lambda}`, xy, colors[j]!, 'circle', 4));
    });
    const degenerate = points.filter((p) => p['degenerate'] === true).map((p) => ({ x: needNumber(p['sigma2'], 'sigma2'), y: needNumber(p['tau2'], 'tau2') }));
    if (degenerate.length > 0) series.push(markers('λ = σᵢ² (degenerate)', degenerate, DEGENERATE_COLOR, 'circle', 7));
    theory.forEach((t, j) => {
      series.push({
        label: j === 0 ? `theory ${THEORY_TEXT[key] ?? ''}` : '',
        x: needNumbers(t['sigma2'], 'theory sigma2'),
        y: needNumbers(t['tau2'], 'theory tau2'),
        color: colors[j]!,
        width: 2,
        hideInLegend: j > 0,
      });
    });
    return {
      kind: 'xy',
      title: `Fig. 5, ${LOSS_LABELS[key as LossKind] ?? key}: lines ${THEORY_TEXT[key] ?? 'theory'}`,
      xLabel: 'σᵢ² (eigenvalue of XXᵀ)',
      yLabel: 'τᵢ² (singular value of W* = W2W1)',
      series,
    };
  });
  if (charts.length === 0) throw new Error('no shrinkage-<loss>.json files');
  return { charts, tables: [], notes: [] };
};
