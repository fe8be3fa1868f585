/**
 * Theorem 4.1 / App. E: the Morse index of L_X at every principal k-subspace of Gr_k(R^m),
 * predicted by eq. 4 and measured from the Hessian in a chart, for data X = U diag(σ) Vᵀ.
 */
import { scatterChart } from '../src/charts/index.js';
import { spectrumMatrix } from '../src/data/synthetic.js';
import { grassmannianTable } from '../src/lae/theory/grassmannian.js';
import { defineSimulation } from '../src/sim/index.js';
import { matmul } from '../src/tensor/index.js';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** "Gr₂(R⁴)". */
const grName = (m: number, k: number) => `Gr${SUB[k]}(R${SUP[m]})`;

/** The appendix-style table: one row per subspace, sorted by index, • where u_i ∈ the subspace. */
function tableText(rows: ReturnType<typeof grassmannianTable>, m: number): string {
  const header = ['d_I', 'measured', ...Array.from({ length: m }, (_, i) => `u${i + 1}`), 'L_X'].join('\t');
  const lines = [...rows]
    .sort((a, b) => b.predictedIndex - a.predictedIndex)
    .map((r) => [r.predictedIndex, r.measuredIndex, ...Array.from({ length: m }, (_, i) => (r.indexSet.includes(i + 1) ? '•' : '')), +r.lossValue.toPrecision(10)].join('\t'));
  return [header, ...lines].join('\n') + '\n';
}

export const grassmannian = defineSimulation({
  name: 'grassmannian',
  title: 'Theorem 4.1: Morse indices of L_X on Gr_k(R^m)',
  description:
    'For X = U diag(σ) Vᵀ (Haar-random U, V), measures the Hessian of L_X (sum of squared distances to a k-plane) at every principal ' +
    'k-subspace in the chart Y(Z) = (U_I + U_J Z)(I + ZᵀZ)^(-1/2) and compares its index with d_I = Σ_j (i_j − j) (eq. 4, the App. E table ' +
    'for Gr_2(R⁴)) and its eigenvalues with 2(σi² − σj²).',
  params: {
    m: { kind: 'integer', min: 2, max: 8, default: 4, help: 'ambient dimension m' },
    k: { kind: 'integer', min: 1, max: 7, default: 2, help: 'subspace dimension k (< m)' },
    n: { kind: 'integer', min: 2, max: 1000, default: 10, help: 'number of data points (≥ m)' },
    singularValues: {
      kind: 'numberList',
      min: 0,
      max: 1e6,
      exclusiveMin: true,
      maxLength: 8,
      default: [4, 3, 2, 1],
      help: 'the m distinct singular values σ of X',
    },
  },
  check: ({ m, k, n, singularValues }) => {
    if (k >= m) return `k = ${k} must be less than m = ${m}`;
    if (n < m) return `n = ${n} must be at least m = ${m}`;
    if (singularValues.length !== m) return `--singularValues needs m = ${m} values, got ${singularValues.length}`;
    if (new Set(singularValues).size !== m) return `--singularValues must be distinct (Theorem 4.1), got ${singularValues.join(', ')}`;
    return undefined;
  },
  run: async (ctx) => {
    const { m, k, n, singularValues } = ctx.params;
    const { X } = spectrumMatrix(m, n, singularValues, ctx.rng);
    const rows = grassmannianTable(matmul(X, X, { transposeB: true }), k);

    ctx.writeText('table.txt', tableText(rows, m));
    ctx.writeJson('table.json', { m, k, n, singularValues, rows });

    const agree = rows.filter((r) => r.agrees);
    const differ = rows.filter((r) => !r.agrees);
    const at = (rs: typeof rows) => rs.map((r) => ({ x: r.measuredIndex, y: r.lossValue }));
    ctx.writePng(
      'index.png',
      await scatterChart({
        title: `${grName(m, k)}: Morse index at each principal subspace, σ = ${singularValues.join(', ')}`,
        xLabel: 'Morse index',
        yLabel: 'L_X at the subspace (sum of σi² over i ∉ I)',
        // Earlier series are drawn on top: the measured dots inside the predicted discs.
        series: [
          ...(agree.length > 0 ? [{ label: 'measured (negative Hessian eigenvalues), agrees', points: at(agree), color: '#009E73', pointRadius: 5 }] : []),
          ...(differ.length > 0 ? [{ label: 'measured, differs', points: at(differ), color: '#D55E00', pointRadius: 5 }] : []),
          { label: 'predicted d_I = Σ_j (i_j − j), eq. 4', points: rows.map((r) => ({ x: r.predictedIndex, y: r.lossValue })), color: '#999999', pointRadius: 11 },
        ],
      }),
    );
    const pairs = rows.flatMap((r) => r.hessianEigenvalues.map((v, i) => ({ x: r.predictedHessianEigenvalues[i]!, y: v })));
    const span = Math.max(...pairs.map((p) => Math.abs(p.x)));
    ctx.writePng(
      'hessian.png',
      await scatterChart({
        title: `${grName(m, k)}: Hessian eigenvalues at all ${rows.length} principal subspaces`,
        xLabel: 'closed form 2(σi² − σj²), i ∈ I, j ∉ I',
        yLabel: 'measured eigenvalue (finite differences)',
        series: [{ label: 'eigenvalue', points: pairs, pointRadius: 5 }],
        lines: [{ label: 'measured = closed form', points: [{ x: -span, y: -span }, { x: span, y: span }], dashed: true }],
      }),
    );
    ctx.log(tableText(rows, m).trimEnd());
    return {
      rows: rows.map((r) => ({ indexSet: r.indexSet, predictedIndex: r.predictedIndex, measuredIndex: r.measuredIndex, lossValue: r.lossValue, agrees: r.agrees })),
      allAgree: differ.length === 0,
      maxHessianError: Math.max(...rows.map((r) => r.hessianError)),
      criticalPointsByIndex: Array.from({ length: k * (m - k) + 1 }, (_, d) => rows.filter((r) => r.measuredIndex === d).length),
    };
  },
});
