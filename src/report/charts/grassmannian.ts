/** Theorem 4.1 (grassmannian): Morse index per principal subspace, predicted against measured, and the Hessian eigenvalues. */
import { formatNumber } from '../format.js';
import type { XySeries } from '../spec.js';
import { markers, needArray, needFile, needNumber, needNumbers, needObject, type SectionBuilder } from './util.js';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export const grassmannian: SectionBuilder = (sim) => {
  const d = needObject(needFile(sim, 'table.json'), 'table.json');
  const m = needNumber(d['m'], 'm');
  const k = needNumber(d['k'], 'k');
  const sigma = needNumbers(d['singularValues'], 'singularValues');
  const rows = needArray(d['rows'], 'rows').map((r) => needObject(r, 'row'));
  const gr = `Gr${SUB[k] ?? k}(R${SUP[m] ?? m})`;
  const at = (r: typeof rows, index: 'measuredIndex' | 'predictedIndex') => r.map((row) => ({ x: needNumber(row[index], index), y: needNumber(row['lossValue'], 'lossValue') }));
  const agree = rows.filter((r) => r['agrees'] === true);
  const differ = rows.filter((r) => r['agrees'] !== true);
  const indexSeries: XySeries[] = [];
  if (agree.length > 0) indexSeries.push(markers('measured (negative Hessian eigenvalues), agrees', at(agree, 'measuredIndex'), '#009E73', 'circle', 5));
  if (differ.length > 0) indexSeries.push(markers('measured, differs', at(differ, 'measuredIndex'), '#D55E00', 'circle', 5));
  indexSeries.push(markers('predicted d_I = Σ_j (i_j − j), eq. 4', at(rows, 'predictedIndex'), '#999999', 'circle', 11));
  const pairs = rows.flatMap((r) => {
    const measured = needNumbers(r['hessianEigenvalues'], 'hessianEigenvalues');
    const predicted = needNumbers(r['predictedHessianEigenvalues'], 'predictedHessianEigenvalues');
    return measured.map((y, i) => ({ x: predicted[i]!, y }));
  });
  const span = Math.max(1, ...pairs.map((p) => Math.abs(p.x)));
  return {
    charts: [
      {
        kind: 'xy',
        title: `${gr}: Morse index at each principal subspace, σ = ${sigma.join(', ')}`,
        xLabel: 'Morse index',
        yLabel: 'L_X at the subspace (sum of σi² over i ∉ I)',
        series: indexSeries,
      },
      {
        kind: 'xy',
        title: `${gr}: Hessian eigenvalues at all ${rows.length} principal subspaces`,
        xLabel: 'closed form 2(σi² − σj²), i ∈ I, j ∉ I',
        yLabel: 'measured eigenvalue (finite differences)',
        series: [
          markers('eigenvalue', pairs, '#0072B2', 'circle', 5),
          { label: 'measured = closed form', x: [-span, span], y: [-span, span], color: '#D55E00', dashed: true, width: 2 },
        ],
      },
    ],
    tables: [{
      title: `Principal subspaces of ${gr}, by predicted index`,
      header: ['I', 'predicted d_I', 'measured', 'L_X', 'agrees'],
      rows: [...rows]
        .sort((a, b) => needNumber(b['predictedIndex'], 'predictedIndex') - needNumber(a['predictedIndex'], 'predictedIndex'))
        .map((r) => [
          `{${needNumbers(r['indexSet'], 'indexSet').join(',')}}`,
          String(r['predictedIndex']),
          String(r['measuredIndex']),
          formatNumber(needNumber(r['lossValue'], 'lossValue')),
          r['agrees'] === true ? 'yes' : 'no',
        ]),
    }],
    notes: [],
  };
};
