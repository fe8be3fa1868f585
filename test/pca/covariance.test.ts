import { describe, expect, it } from 'vitest';
import { covariance, pcaFromCovariance } from '../../src/pca/index.js';
import { Rng } from '../../src/random/rng.js';
import { fromData, randn, tensor } from '../../src/tensor/index.js';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('covariance C = XXᵀ', () => {
  it('matches the definition on a hand-made matrix (points as columns, centred)', () => {
    // two features, three points (columns): means (2, 0)
    const X = tensor([[1, 2, 3], [1, 0, -1]]);
    // centred: [[-1, 0, 1], [1, 0, -1]] → C = [[2, -2], [-2, 2]]
    expect(Array.from(covariance(X).data)).toEqual([2, -2, -2, 2]);
    expect(Array.from(covariance(X, { center: false }).data)).toEqual([14, -2, -2, 2]);
  });

  it('rows layout, dense and sparse paths agree and are exactly symmetric', () => {
    const rng = new Rng('cov');
    const n = 300;
    const m = 17;
    const d = randn([n, m], rng).data;
    for (let i = 0; i < d.length; i++) if (rng.uniform() < 0.8) d[i] = 0; // 80 % zeros
    const rows = fromData(d, [n, m]);
    const cols = rows.transpose();
    const ref = covariance(cols, { path: 'dense' });
    for (const C of [covariance(rows, { layout: 'rows', path: 'dense' }), covariance(rows, { layout: 'rows', path: 'sparse' }), covariance(cols, { path: 'sparse' })]) {
      expect(maxAbsDiff(C.data, ref.data)).toBeLessThan(1e-12);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) expect(C.data[i * m + j]).toBe(C.data[j * m + i]);
    }
  });

  it('dropping zero-variance features changes nothing but the zeros', () => {
    const rng = new Rng('zv');
    const X = randn([6, 40], rng);
    for (let j = 0; j < 40; j++) X.data[2 * 40 + j] = 0; // feature 2 constant
    const C = covariance(X);
    const a = pcaFromCovariance(C, { k: 2, method: 'eigen' });
    const b = pcaFromCovariance(C, { k: 2, method: 'eigen', dropZeroVariance: false });
    expect(a.activeFeatures).toBe(5);
    expect(maxAbsDiff(a.components.data, b.components.data)).toBeLessThan(1e-12);
    expect(a.components.data[2 * 2]).toBe(0);
    expect(a.components.data[2 * 2 + 1]).toBe(0);
  });
});
