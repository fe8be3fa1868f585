import type { Split } from '../../src/alignment/index.js';
import type { Rng } from '../../src/random/rng.js';
import { fromData } from '../../src/tensor/index.js';

/**
 * A small synthetic classification task: `classes` Gaussian clusters in `dim` dimensions with
 * random N(0, separation²) centres, split 3:1 into train and test.
 */
export function syntheticClasses(rng: Rng, n: number, dim: number, classes: number, separation = 1.5): { train: Split; test: Split } {
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => separation * rng.normal()));
  const x = new Float64Array(n * dim);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.int(classes);
    y.push(c);
    for (let j = 0; j < dim; j++) x[i * dim + j] = centres[c]![j]! + rng.normal();
  }
  const cut = Math.floor((3 * n) / 4);
  const all = fromData(x, [n, dim]);
  return {
    train: { x: all.sliceRows(0, cut).detach(), y: y.slice(0, cut) },
    test: { x: all.sliceRows(cut, n).detach(), y: y.slice(cut) },
  };
}
