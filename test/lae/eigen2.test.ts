import { describe, expect, it } from 'vitest';
import { eigenSym2, eigenvector2 } from '../../src/lae/theory/eigen2.js';
import { symmetricEigen } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { tensor } from '../../src/tensor/index.js';

describe('closed-form 2 × 2 symmetric eigen-decomposition', () => {
  it('agrees with the tridiagonal QL of src/linalg and gives unit eigenvectors', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const [a, b, d] = [rng.normal(0, 3), rng.normal(0, 3), rng.normal(0, 3)];
      const want = symmetricEigen(tensor([[a, b], [b, d]])).values;
      const got = eigenSym2([[a, b], [b, d]]);
      expect(got[0]).toBeCloseTo(want[0]!, 10);
      expect(got[1]).toBeCloseTo(want[1]!, 10);
      const v = eigenvector2([[a, b], [b, d]], got[0]);
      expect(Math.hypot(v[0], v[1])).toBeCloseTo(1, 12);
      expect(a * v[0] + b * v[1]).toBeCloseTo(got[0] * v[0], 8);
    }
  });
});
