/**
 * The allocation-free broadcast paths (scalars, rows, columns) and their backward sums against
 * NumPy's broadcasting rule written out with index arithmetic, next to shapes that take the
 * general (plan-building) path.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { BinaryOp, broadcastBinary, sumToShape } from '../../src/tensor/kernels/index.js';
import { broadcastShapes } from '../../src/tensor/index.js';

const rng = new Rng('kernels-broadcast');
const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Flat index into `shape` of the output multi-index `idx` (NumPy broadcasting: size-1 dims repeat). */
function sourceIndex(shape: readonly number[], idx: readonly number[]): number {
  let off = 0;
  const lead = idx.length - shape.length;
  for (let d = 0; d < shape.length; d++) off = off * shape[d]! + (shape[d] === 1 ? 0 : idx[lead + d]!);
  return off;
}

function* indices(shape: readonly number[]): Generator<number[]> {
  const idx = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < size(shape); flat++) {
    yield idx.slice();
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}

const apply = (op: BinaryOp, x: number, y: number): number =>
  op === BinaryOp.Add ? x + y : op === BinaryOp.Sub ? x - y : op === BinaryOp.Mul ? x * y : x / y;

const PAIRS: [number[], number[]][] = [
  [[5, 7], [1, 7]], [[5, 7], [7]], [[5, 7], [5, 1]], [[5, 7], []], [[], [5, 7]], [[1, 7], [5, 7]], [[5, 1], [5, 7]],
  [[7], [5, 7]], [[2, 3, 4], [4]], [[2, 3, 4], [1, 1, 4]], [[2, 3, 4], []], [[2, 3, 4], [1]], [[1], [2, 3, 4]],
  // general path: both sides broadcast, or a middle dimension
  [[1, 7], [5, 1]], [[2, 3, 4], [3, 1]], [[2, 1, 4], [3, 1]], [[2, 3, 4], [2, 1, 4]],
];

describe('broadcastBinary fast paths agree with the broadcasting rule exactly', () => {
  for (const [as, bs] of PAIRS) {
    it(`[${as.join(', ')}] ∘ [${bs.join(', ')}]`, () => {
      const outShape = broadcastShapes('test', as, bs);
      const a = rng.fillNormal(new Float64Array(size(as))), b = rng.fillNormal(new Float64Array(size(bs)));
      for (const op of [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div]) {
        const out = new Float64Array(size(outShape));
        broadcastBinary(op, a, as, b, bs, out, outShape);
        let flat = 0;
        for (const idx of indices(outShape)) {
          expect(out[flat++]).toBe(apply(op, a[sourceIndex(as, idx)]!, b[sourceIndex(bs, idx)]!));
        }
      }
    });
  }
});

describe('sumToShape fast paths sum exactly the broadcast dimensions', () => {
  const cases: [number[], number[]][] = [
    [[5, 7], [1, 7]], [[5, 7], [7]], [[5, 7], [5, 1]], [[5, 7], []], [[5, 7], [1, 1]], [[2, 3, 4], [4]], [[2, 3, 4], [1, 1, 4]],
    [[2, 3, 4], []], [[2, 3, 4], [3, 1]], [[2, 3, 4], [2, 1, 4]], [[2, 3, 4], [2, 3, 4]],
  ];
  for (const [gs, ts] of cases) {
    it(`[${gs.join(', ')}] → [${ts.join(', ')}]`, () => {
      const g = rng.fillNormal(new Float64Array(size(gs)));
      const out = new Float64Array(size(ts)).fill(Number.NaN); // must be overwritten
      sumToShape(g, gs, out, ts);
      const ref = new Float64Array(size(ts));
      let flat = 0;
      for (const idx of indices(gs)) ref[sourceIndex(ts, idx)] += g[flat++]!;
      for (let i = 0; i < ref.length; i++) expect(out[i]).toBeCloseTo(ref[i]!, 12);
    });
  }
});
