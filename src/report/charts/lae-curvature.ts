/** Theorem 4.4 (lae-curvature): loss value against measured descending directions per loss and λ, and the full table. */
import { seriesColor } from '../../charts/palette.js';
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import type { XySeries } from '../spec.js';
import { markers, needArray, needFile, needNumber, needNumbers, needObject, needString, type JsonObject, type SectionBuilder } from './util.js';

const counts = (o: JsonObject, name: string): string => {
  const c = needObject(o[name], name);
  return `${needNumber(c['descending'], 'descending')}/${needNumber(c['flat'], 'flat')}/${needNumber(c['ascending'], 'ascending')}`;
};

export const laeCurvature: SectionBuilder = (sim) => {
  const rows = needArray(needObject(needFile(sim, 'table.json'), 'table.json')['rows'], 'rows').map((r) => needObject(r, 'row'));
  const groupOf = (r: JsonObject) => `${needString(r['loss'], 'loss')}|${needNumber(r['lambda'], 'lambda')}`;
  const groups = [...new Set(rows.map(groupOf))];
  const label = (g: string) => {
    const [loss, lambda] = g.split('|') as [string, string];
    return loss === 'unregularized' ? LOSS_LABELS.unregularized : `${LOSS_LABELS[loss as LossKind] ?? loss}, λ = ${lambda}`;
  };
  // The same small horizontal offsets per group as the PNG, so groups at one index stay apart.
  const jitter = (i: number) => (i - (groups.length - 1) / 2) * 0.08;
  const descending = (r: JsonObject) => needNumber(needObject(r['measured'], 'measured')['descending'], 'descending');
  const series: XySeries[] = groups.map((g, i) =>
    markers(label(g), rows.filter((r) => groupOf(r) === g).map((r) => ({ x: descending(r) + jitter(i), y: needNumber(r['lossValue'], 'lossValue') })), seriesColor(i), 'circle', 4),
  );
  const differs = rows.filter((r) => counts(r, 'measured') !== counts(r, 'predicted'));
  if (differs.length > 0) {
    series.push(markers('printed Theorem 4.4 differs here', differs.map((r) => ({ x: descending(r) + jitter(groups.indexOf(groupOf(r))), y: needNumber(r['lossValue'], 'lossValue') })), '#000000', 'circle', 1.5));
  }
  const p = sim.summary.params;
  return {
    charts: [{
      kind: 'xy',
      title: `Critical values vs measured index (m = ${String(p['m'])}, k = ${String(p['k'])})`,
      xLabel: 'descending directions of the Hessian (measured)',
      yLabel: 'loss value at the critical manifold',
      series,
    }],
    tables: [{
      title: `Every critical manifold (${rows.length}): Hessian counts descending/flat/ascending`,
      header: ['loss', 'λ', 'I', 'loss value', '‖∇‖', 'printed Thm 4.4', 'corrected', 'measured', 'note'],
      rows: rows.map((r) => [
        needString(r['loss'], 'loss'),
        String(needNumber(r['lambda'], 'lambda')),
        `{${needNumbers(r['indexSet'], 'indexSet').join(',')}}`,
        needNumber(r['lossValue'], 'lossValue').toFixed(4),
        needNumber(r['gradNorm'], 'gradNorm').toExponential(1),
        counts(r, 'predicted'),
        counts(r, 'corrected'),
        counts(r, 'measured'),
        typeof r['explanation'] === 'string' ? r['explanation'] : '',
      ]),
    }],
    notes: [],
  };
};
