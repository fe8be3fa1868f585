/** Fig. 4 (lae-heatmap): [U V*]ᵀ[U U*] per loss on the diverging scale in [−1, 1], block boundaries dashed. */
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import type { HeatmapChartSpec } from '../spec.js';
import { byLossOrder, filesMatching, needNumber, needNumbers, needObject, type SectionBuilder } from './util.js';

export const laeHeatmap: SectionBuilder = (sim) => {
  const files = filesMatching(sim, /^alignment-(.+)\.json$/).sort((a, b) => byLossOrder(a.key, b.key));
  const charts = files.map(({ file, key, data }): HeatmapChartSpec => {
    const d = needObject(data, file);
    const n = needNumber(d['rows'], `${file} rows`);
    const cols = needNumber(d['cols'], `${file} cols`);
    const values = needNumbers(d['values'], `${file} values`);
    const k = n / 2;
    const edge = k + 0.5;
    const metric = (name: string) => (typeof d[name] === 'number' ? `${name} ${(d[name] as number).toExponential(1)}` : undefined);
    const subtitle = [metric('directionError'), metric('lowerRightDeviation')].filter((s) => s !== undefined).join(', ');
    return {
      kind: 'heatmap',
      title: `${LOSS_LABELS[key as LossKind] ?? key}: [U V*]ᵀ[U U*], top k = ${k} columns of each`,
      subtitle,
      xLabel: `column: U (1–${k}) | U* (${k + 1}–${n})`,
      yLabel: `row: U (1–${k}) | V* (${k + 1}–${n})`,
      values,
      rows: n,
      cols,
      xRange: [1, cols],
      yRange: [1, n],
      colorScale: 'diverging',
      valueRange: [-1 - 1e-9, 1 + 1e-9], // entries exceed ±1 only by rounding (as the PNG's range)
      matrixOrientation: true,
      overlays: [
        { label: 'block boundaries', x: [edge, edge], y: [0.5, n + 0.5], color: '#444444', dashed: true, width: 1.5 },
        { label: '', x: [0.5, cols + 0.5], y: [edge, edge], color: '#444444', dashed: true, width: 1.5, hideInLegend: true },
      ],
    };
  });
  if (charts.length === 0) throw new Error('no alignment-<loss>.json files');
  return { charts, tables: [], notes: [] };
};
