/**
 * A sweep (summary.json of kind "sweep", written by src/sim/sweep/aggregate.ts): one chart per
 * metric with the mean ± std bands of aggregate.json, and the table of every metric and grid point.
 */
import { formatNumber } from '../format.js';
import type { TableSpec, XySeries } from '../spec.js';
import { needArray, needFile, needNumber, needNumbers, needObject, needString, type SectionBuilder } from './util.js';

export const sweepSection: SectionBuilder = (sim) => {
  const agg = needObject(needFile(sim, 'aggregate.json'), 'aggregate.json');
  const runs = needObject(agg['runs'], 'aggregate.json runs');
  const metrics = needArray(agg['metrics'], 'aggregate.json metrics').map((m, i) => needObject(m, `metrics[${i}]`));
  const charts = metrics.flatMap((m) => {
    const name = needString(m['name'], 'metric name');
    const label = typeof m['label'] === 'string' ? m['label'] : name;
    const chart = needObject(m['chart'], `${name} chart`);
    const categorical = chart['categorical'] === true;
    const series: XySeries[] = needArray(chart['series'], `${name} series`).map((raw, i) => {
      const s = needObject(raw, `${name} series[${i}]`);
      return {
        label: needString(s['label'], 'label'),
        x: needNumbers(s['x'], 'x'),
        y: needNumbers(s['y'], 'y'),
        band: { lower: needNumbers(s['lower'], 'lower'), upper: needNumbers(s['upper'], 'upper') },
        pointRadius: 3,
      };
    });
    if (series.length === 0) return [];
    return [{
      kind: 'xy' as const,
      title: label,
      subtitle: `mean ± 1 std over seeds (band)${label === name ? '' : `; metric ${name}`}`,
      xLabel: needString(chart['xLabel'], 'xLabel'),
      yLabel: label,
      series,
      ...(categorical ? { xCategories: series.map((s) => s.label) } : {}),
    }];
  });
  const table: TableSpec = {
    title: `mean ± std over seeds (${needNumber(runs['finished'], 'runs.finished')} of ${needNumber(runs['total'], 'runs.total')} runs finished)`,
    header: ['metric', 'grid point', 'mean ± std', 'n'],
    rows: metrics.flatMap((m) =>
      needArray(m['groups'], 'groups').map((raw) => {
        const g = needObject(raw, 'group');
        return [typeof m['label'] === 'string' ? m['label'] : needString(m['name'], 'name'), needString(g['label'], 'label'), `${formatNumber(needNumber(g['mean'], 'mean'))} ± ${formatNumber(needNumber(g['std'], 'std'))}`, String(needNumber(g['n'], 'n'))];
      }),
    ),
  };
  const missing = needArray(runs['missing'], 'runs.missing');
  return { charts, tables: [table], notes: missing.length ? [`${missing.length} run(s) not finished yet: ${missing.join(', ')}.`] : [] };
};
