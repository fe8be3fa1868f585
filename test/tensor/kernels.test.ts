import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { referenceGemm as reference } from '../helpers/reference-gemm.js';
import { BinaryOp, broadcastBinary, gemm, gemmIkj, sumToShape } from '../../src/tensor/kernels/index.js';

const rng = new Rng('kernels');
const randArray = (n: number): Float64Array => rng.fillNormal(new Float64Array(n));

function maxRelError(x: Float64Array, y: Float64Array): number {
  let scale = 0, err = 0;
  for (let i = 0; i < x.length; i++) {
    scale = Math.max(scale, Math.abs(y[i]!));
    err = Math.max(err, Math.abs(x[i]! - y[i]!));
  }
  return err / Math.max(scale, 1e-300);
}

describe('gemm kernel against the definition', () => {
  const shapes = [[1, 1, 1], [3, 7, 5], [4, 4, 4], [5, 1, 9], [17, 13, 11], [65, 3, 70], [33, 257, 31], [130, 67, 300]];
  for (const [M, N, K] of shapes) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        it(`M=${M} N=${N} K=${K} transA=${ta} transB=${tb}`, () => {
          const A = randArray(M! * K!);
          const B = randArray(K! * N!);
          const C = new Float64Array(M! * N!);
          gemm(ta, tb, M!, N!, K!, A, B, C);
          expect(maxRelError(C, reference(ta, tb, M!, N!, K!, A, B))).toBeLessThan(1e-12);
        });
      }
    }
  }
  it('accumulates into C when asked, overwrites otherwise', () => {
    const [M, N, K] = [20, 21, 22];
    const A = randArray(M * K), B = randArray(K * N);
    const C = new Float64Array(M * N).fill(1);
    gemm(false, false, M, N, K, A, B, C, true);
    const ref = reference(false, false, M, N, K, A, B).map((v) => v + 1);
    expect(maxRelError(C, ref)).toBeLessThan(1e-12);
    gemm(false, false, M, N, K, A, B, C);
    expect(maxRelError(C, reference(false, false, M, N, K, A, B))).toBeLessThan(1e-12);
  });
  it('the i-k-j baseline agrees too', () => {
    const A = randArray(30 * 40), B = randArray(40 * 50), C = new Float64Array(30 * 50);
    gemmIkj(30, 50, 40, A, B, C);
    expect(maxRelError(C, reference(false, false, 30, 50, 40, A, B))).toBeLessThan(1e-12);
  });
});

describe('broadcast kernels', () => {
  it('broadcastBinary matches index arithmetic for [2,1,4] ∘ [3,1]', () => {
    const a = randArray(8), b = randArray(3), out = new Float64Array(24);
    broadcastBinary(BinaryOp.Sub, a, [2, 1, 4], b, [3, 1], out, [2, 3, 4]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) {
      expect(out[(i * 3 + j) * 4 + k]).toBe(a[i * 4 + k]! - b[j]!);
    }
  });
  it('sumToShape sums exactly the broadcast dimensions', () => {
    const g = randArray(24), out = new Float64Array(4);
    sumToShape(g, [2, 3, 4], out, [1, 4]);
    for (let k = 0; k < 4; k++) {
      let s = 0;
      for (let r = 0; r < 6; r++) s += g[r * 4 + k]!;
      expect(out[k]).toBeCloseTo(s, 12);
    }
  });
});
