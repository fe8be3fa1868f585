import { describe, expect, it } from 'vitest';
import { splitIndices } from '../../src/data/index.js';
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { laeGradient } from '../../src/lae/index.js';
import {
  LAE_METHODS,
  componentErrors,
  covariance,
  decoderDirections,
  laeHalfGradients,
  maxOf,
  maxPrincipalAngleSine,
  pca,
  pcaFromCovariance,
  solveEncoder,
} from '../../src/pca/index.js';
import { Rng } from '../../src/random/rng.js';
import { fromData, matmul, randn, type Tensor } from '../../src/tensor/index.js';
import { haarOrthogonal } from '../../src/linalg/index.js';

/** X = U diag(σ) Vᵀ, 10 × 10, σ well separated: the exact directions are U's columns, the eigenvalues σ². */
const SIGMA = [10, 8, 6, 4, 3, 2, 1.5, 1, 0.7, 0.5];
const K = 3;
const data = spectrumMatrix(10, 10, SIGMA, new Rng('lae-pca-test'));
const Uk = columns(data.U, K);
const eigen = SIGMA.slice(0, K).map((s) => s * s);

function columns(A: Tensor, k: number): Tensor {
  const out = new Float64Array(A.rows * k);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = A.data[i * A.cols + j]!;
  return fromData(out, [A.rows, k]);
}

const maxRel = (est: ArrayLike<number>, ref: number[]): number => Math.max(...ref.map((r, i) => Math.abs(est[i]! - r) / r));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('LAE-PCA recovers the principal directions of a known spectrum', () => {
  for (const method of LAE_METHODS) {
    it(`${method}: directions (subspace and each one, up to sign) and eigenvalues λ/(1 − s²) to 1e-6`, () => {
      const r = pca(data.X, { k: K, method, center: false, lambda: 0.5 * eigen[K - 1]!, tolerance: 1e-12, rng: new Rng(7) });
      expect(r.converged).toBe(true);
      expect(maxPrincipalAngleSine(r.components, Uk)).toBeLessThan(1e-6);
      expect(maxOf(componentErrors(r.components, Uk))).toBeLessThan(1e-6);
      expect(maxRel(r.eigenvalues, eigen)).toBeLessThan(1e-6);
      expect(r.notes).toEqual([]);
    });
  }

  it('the default λ (a fraction of the pilot Ritz value) is below σ_k² and works, with extra latent units too', () => {
    for (const oversample of [0, 2]) {
      const r = pca(data.X, { k: K, method: 'exact-tied', center: false, tolerance: 1e-12, oversample, rng: new Rng(8) });
      expect(r.lambda!).toBeLessThan(SIGMA[K - 1 + oversample]! ** 2);
      expect(r.decoderSingularValues!.length).toBe(K + oversample);
      expect(maxOf(componentErrors(r.components, Uk))).toBeLessThan(1e-6);
      expect(maxRel(r.eigenvalues, eigen)).toBeLessThan(1e-6);
    }
  });

  it('flags λ ≥ σ_k²: the k-th latent direction collapses', () => {
    const r = pca(data.X, { k: K, method: 'exact-tied', center: false, lambda: 1.5 * eigen[K - 1]!, tolerance: 1e-12, rng: new Rng(9) });
    expect(r.notes.join(' ')).toMatch(/not below σ_k²/);
  });

  it('records the error history against a reference, with compute time increasing', () => {
    const r = pca(data.X, { k: K, method: 'exact-tied', center: false, tolerance: 1e-10, reference: { components: data.U, eigenvalues: SIGMA.map((s) => s * s) } });
    const h = r.history;
    expect(h.iteration[0]).toBe(0);
    expect(h.iteration[h.iteration.length - 1]).toBe(r.iterations);
    expect(h.subspaceError.length).toBe(h.iteration.length);
    expect(h.subspaceError[h.subspaceError.length - 1]!).toBeLessThan(1e-8);
    for (let i = 1; i < h.seconds.length; i++) expect(h.seconds[i]!).toBeGreaterThanOrEqual(h.seconds[i - 1]!);
  });
});

describe('LAE-PCA building blocks', () => {
  const C = covariance(data.X, { center: false });
  const rng = new Rng('blocks');
  const W1 = randn([K, 10], rng);
  const W2 = randn([10, K], rng);

  it('half-gradients in O(m²k) equal half of laeGradient (sum loss)', () => {
    const lambda = 3.7;
    const { D1, D2 } = laeHalfGradients(C, W1, W2, lambda);
    const full = laeGradient(C, W1, W2, 'sum', lambda);
    expect(maxAbsDiff(D1.mul(2).data, full.dW1.data)).toBeLessThan(1e-10);
    expect(maxAbsDiff(D2.mul(2).data, full.dW2.data)).toBeLessThan(1e-10);
  });

  it('decoder at the Theorem 4.2 minimum, W2 = U_k (I − λΣ⁻²)^(1/2) Oᵀ, gives back U_k and σ²', () => {
    const lambda = 20;
    const O = haarOrthogonal(K, new Rng('O'));
    const scale = fromData(Float64Array.from(eigen, (e) => Math.sqrt(1 - lambda / e)), [1, K]);
    const W2star = matmul(Uk.mul(scale), O, { transposeB: true });
    const d = decoderDirections(W2star, lambda, K);
    expect(maxOf(componentErrors(d.components, Uk))).toBeLessThan(1e-12);
    expect(maxRel(Float64Array.from(d.eigenvalues), eigen)).toBeLessThan(1e-12);
  });

  it('the exact encoder solves W2ᵀW2·W1·C + λW1 = W2ᵀC (direct solves and conjugate gradients)', () => {
    const lambda = 5;
    for (const m of [10, 120]) {
      const r = new Rng(`sylvester-${m}`);
      const X = randn([m, m + 5], r);
      const Cm = matmul(X, X, { transposeB: true });
      const V2 = randn([m, K], r);
      const { W1: S, iterations } = solveEncoder(Cm, V2, lambda, randn([K, m], r));
      const lhs = matmul(matmul(matmul(V2, V2, { transposeA: true }), S), Cm).add(S.mul(lambda));
      const rhs = matmul(V2, Cm, { transposeA: true });
      const scale = maxAbsDiff(rhs.data, new Float64Array(rhs.size));
      expect(maxAbsDiff(lhs.data, rhs.data) / scale).toBeLessThan(1e-10);
      if (m > 100) expect(iterations).toBeGreaterThan(0);
    }
  });
});

describe('determinism', () => {
  it('the same seed gives bit-identical results; another seed the same directions to 1e-6', () => {
    for (const method of ['gd-tied', 'exact-untied', 'exact-sync'] as const) {
      const a = pca(data.X, { k: K, method, center: false, tolerance: 1e-12, rng: new Rng(11) });
      const b = pca(data.X, { k: K, method, center: false, tolerance: 1e-12, rng: new Rng(11) });
      const c = pca(data.X, { k: K, method, center: false, tolerance: 1e-12, rng: new Rng(12) });
      expect(Array.from(a.components.data)).toEqual(Array.from(b.components.data));
      expect(a.iterations).toBe(b.iterations);
      expect(maxAbsDiff(a.components.data, c.components.data)).toBeLessThan(1e-6); // signs are normalized
    }
  });

  it('seeded splits (the figures subsample with them) are deterministic', () => {
    const a = splitIndices(1000, [100, 200], new Rng('split'));
    const b = splitIndices(1000, [100, 200], new Rng('split'));
    expect(a.map((x) => Array.from(x))).toEqual(b.map((x) => Array.from(x)));
    expect(Array.from(splitIndices(1000, [100], new Rng('other'))[0]!)).not.toEqual(Array.from(a[0]!));
  });

  it('pcaFromCovariance refuses the data-only method', () => {
    expect(() => pcaFromCovariance(covariance(data.X), { k: 2, method: 'svd' })).toThrow(/factors the data X/);
    expect(() => pca(data.X, { k: 11, method: 'eigen' })).toThrow(/k must be an integer in \[1, 10\]/);
  });
});
