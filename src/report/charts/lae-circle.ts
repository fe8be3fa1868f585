/** Fig. 6 (lae-circle): the unit circle and its images under A, B, AB, equal axis scales, one chart per loss. */
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import type { XyChartSpec } from '../spec.js';
import { byLossOrder, filesMatching, needArray, needNumbers, needObject, needString, type SectionBuilder } from './util.js';

/** Colours and widths of sims/lae-circle.ts: later curves thinner and on top, so coinciding curves stay visible. */
const STYLE: Record<string, { color: string; width: number; dashed?: boolean }> = {
  A: { color: '#0072B2', width: 10 },
  B: { color: '#E69F00', width: 6.5 },
  AB: { color: '#009E73', width: 3.5 },
  'unit circle': { color: '#000000', width: 1.5, dashed: true },
};

export const laeCircle: SectionBuilder = (sim) => {
  const files = filesMatching(sim, /^circle-(.+)\.json$/).sort((a, b) => byLossOrder(a.key, b.key));
  const parsed = files.map(({ file, key, data }) => {
    const d = needObject(data, file);
    const curves = needArray(d['curves'], `${file} curves`).map((c) => {
      const o = needObject(c, 'curve');
      return { label: needString(o['label'], 'label'), x: needNumbers(o['x'], 'x'), y: needNumbers(o['y'], 'y') };
    });
    const ortho = (typeof d['orthogonalityError'] === 'object' && d['orthogonalityError'] !== null ? d['orthogonalityError'] : {}) as Record<string, unknown>;
    const err = (v: unknown) => (typeof v === 'number' ? v.toExponential(1) : '?');
    const subtitle = `‖AᵀA − I‖ = ${err(ortho['A'])}, ‖BᵀB − I‖ = ${err(ortho['B'])}, ‖AB − I‖ = ${err(d['inverseError'])}`;
    return { key, curves, subtitle };
  });
  // One square range for all panels, as the PNGs share one scale.
  const r = 1.1 * Math.max(1, ...parsed.flatMap((p) => p.curves.flatMap((c) => [...c.x, ...c.y].map(Math.abs))));
  const charts = parsed.map(({ key, curves, subtitle }): XyChartSpec => ({
    kind: 'xy',
    title: `Fig. 6, ${LOSS_LABELS[key as LossKind] ?? key}`,
    subtitle,
    xLabel: 'coordinate 1',
    yLabel: 'coordinate 2',
    equalAspect: true,
    xRange: [-r, r],
    yRange: [-r, r],
    series: curves.map((c, i) => ({ label: c.label, x: c.x, y: c.y, order: curves.length - i, ...(STYLE[c.label] ?? { color: '#777777', width: 2 }) })),
  }));
  if (charts.length === 0) throw new Error('no circle-<loss>.json files');
  return { charts, tables: [], notes: [] };
};
