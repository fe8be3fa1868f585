import { describe, expect, it } from 'vitest';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { componentErrors, maxOf, maxPrincipalAngleSine, pca } from '../../src/pca/index.js';
import { Rng } from '../../src/random/rng.js';
import { fromData, type Tensor } from '../../src/tensor/index.js';

function columns(A: Tensor, k: number): Tensor {
  const out = new Float64Array(A.rows * k);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = A.data[i * A.cols + j]!;
  return fromData(out, [A.rows, k]);
}
const maxRel = (est: Float64Array, ref: number[]): number => Math.max(...ref.map((r, i) => Math.abs(est[i]! - r) / r));

const SIGMA = [10, 8, 6, 4, 3, 2, 1.5, 1, 0.7, 0.5, 0.4, 0.3];
const K = 3;
const data = spectrumMatrix(12, 12, SIGMA, new Rng('baselines-test'));
const Uk = columns(data.U, K);
const eigen = SIGMA.slice(0, K).map((s) => s * s);

describe('baselines recover the known directions and eigenvalues', () => {
  const cases = [
    { method: 'eigen', options: {} },
    { method: 'svd', options: {} },
    { method: 'subspace', options: { tolerance: 1e-12 } },
    { method: 'subspace', options: { tolerance: 1e-12, oversample: 3 } },
    { method: 'randomized', options: { powerIterations: 25 } },
    { method: 'oja-subspace', options: { tolerance: 1e-13 } },
  ] as const;
  for (const c of cases) {
    it(`${c.method} ${JSON.stringify(c.options)}`, () => {
      const r = pca(data.X, { k: K, method: c.method, center: false, rng: new Rng(3), ...c.options });
      expect(r.converged).toBe(true);
      expect(maxPrincipalAngleSine(r.components, Uk)).toBeLessThan(1e-6);
      expect(maxOf(componentErrors(r.components, Uk))).toBeLessThan(1e-6);
      expect(maxRel(r.eigenvalues, eigen)).toBeLessThan(1e-6);
    });
  }

  it('randomized SVD is exact without power iterations when rank ≤ k + p (HMT §1.3)', () => {
    const sigma = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0];
    const low = spectrumMatrix(10, 10, sigma, new Rng('rank5'));
    const r = pca(low.X, { k: 3, method: 'randomized', oversample: 2, powerIterations: 0, center: false, rng: new Rng(4) });
    expect(maxOf(componentErrors(r.components, columns(low.U, 3)))).toBeLessThan(1e-12);
    expect(maxRel(r.eigenvalues, [25, 16, 9])).toBeLessThan(1e-12);
  });

  it('randomized SVD without power iterations is only approximate on a full-rank matrix', () => {
    const r = pca(data.X, { k: K, method: 'randomized', oversample: 2, powerIterations: 0, center: false, rng: new Rng(5) });
    expect(maxPrincipalAngleSine(r.components, Uk)).toBeGreaterThan(1e-6);
  });
});
