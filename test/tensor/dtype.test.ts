/**
 * The float32 option of the tensor core: the f32x4 WebAssembly kernels against float64 references,
 * the dtype every op gives and the gradients it sends (float32 stays float32; a float64 operand
 * promotes), and conversions. Gradchecks stay in float64 (grad.test.ts); here float32 gradients are
 * compared with the float64 gradients of the same values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import {
  BinaryOp, binaryWasm, gemm, gemmJs, getKernelOptions, reluBackwardWasm, reluWasm, setKernelOptions, wasmRuntime,
} from '../../src/tensor/kernels/index.js';
import {
  avgPool2d, batchNorm, conv2d, fromData, linear, maxPool2d, randn, tensor, zeros, type DType, type Tensor,
} from '../../src/tensor/index.js';

const rng = new Rng('dtype');
const hasWasm = wasmRuntime(2) !== null;
const initial = getKernelOptions();
afterAll(() => {
  setKernelOptions(initial);
});

/** float32 unit roundoff 2⁻²⁴. */
const U32 = 2 ** -24;

describe.skipIf(!hasWasm)('gemm32 (f32x4) against the float64 product of the same float32 values', () => {
  const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 8, 16], [7, 13, 5], [33, 17, 300], [64, 256, 784], [130, 9, 260], [257, 129, 65]];
  for (const threads of [1, 2]) {
    it(`every transpose, overwrite and accumulate, ${threads} thread${threads > 1 ? 's' : ''}: |error| ≤ 2K·u·Σ|a||b|`, () => {
      setKernelOptions({ threads, threadMinWork: 0, backend: 'wasm' });
      for (const [M, N, K] of shapes) {
        for (const ta of [false, true]) for (const tb of [false, true]) for (const accumulate of [false, true]) {
          const A = Float32Array.from(rng.fillNormal(new Float64Array(M * K)));
          const B = Float32Array.from(rng.fillNormal(new Float64Array(K * N)));
          const C0 = Float32Array.from(rng.fillNormal(new Float64Array(M * N)));
          const C = C0.slice();
          gemm(ta, tb, M, N, K, A, B, C, accumulate);
          const ref = accumulate ? Float64Array.from(C0) : new Float64Array(M * N);
          gemmJs(ta, tb, M, N, K, Float64Array.from(A), Float64Array.from(B), ref, accumulate);
          const scale = new Float64Array(M * N);
          gemmJs(ta, tb, M, N, K, Float64Array.from(A, Math.abs), Float64Array.from(B, Math.abs), scale);
          for (let i = 0; i < M * N; i++) {
            const bound = 2 * (K + 1) * U32 * (scale[i]! + (accumulate ? Math.abs(C0[i]!) : 0)) + 1e-30;
            if (!(Math.abs(C[i]! - ref[i]!) <= bound)) {
              throw new Error(`gemm32 ${M}×${N}×${K} ta=${ta} tb=${tb} acc=${accumulate}: entry ${i} is ${C[i]}, float64 reference ${ref[i]}, bound ${bound}`);
            }
          }
        }
      }
      setKernelOptions(initial);
    });
  }

  it('mixed element types are refused by the wasm path (the caller runs the TypeScript loops)', () => {
    const A = new Float32Array(16), B = new Float64Array(16), C = new Float32Array(16);
    setKernelOptions({ backend: 'wasm' });
    C.fill(7);
    gemm(false, false, 4, 4, 4, A, B, C);
    expect(Array.from(C)).toEqual(new Array(16).fill(0));
    setKernelOptions(initial);
  });
});

describe.skipIf(!hasWasm)('f32x4 elementwise loops: bit-identical to the TypeScript loops', () => {
  it('add, sub, mul, div, relu, relu backward at every tail length', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 513, 1027]) {
      const a = Float32Array.from(rng.fillNormal(new Float64Array(n)));
      const b = Float32Array.from(rng.fillNormal(new Float64Array(n)));
      a[0] = -0;
      for (const op of [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div]) {
        const out = new Float32Array(n);
        expect(binaryWasm(op, a, b, out, n)).toBe(true);
        const ref = new Float32Array(n);
        for (let i = 0; i < n; i++) ref[i] = [a[i]! + b[i]!, a[i]! - b[i]!, a[i]! * b[i]!, a[i]! / b[i]!][op]!;
        expect(Array.from(out)).toEqual(Array.from(ref));
      }
      const r = new Float32Array(n), g = new Float32Array(n);
      expect(reluWasm(a, r)).toBe(true);
      expect(reluBackwardWasm(a, b, g)).toBe(true);
      for (let i = 0; i < n; i++) {
        expect(Object.is(r[i], a[i]! > 0 ? a[i]! : 0)).toBe(true);
        expect(Object.is(g[i], a[i]! > 0 ? b[i]! : 0)).toBe(true);
      }
    }
  });
});

/** A float32 copy of a float64 leaf (same values rounded), requiring grad. */
const f32Of = (t: Tensor): Tensor => fromData(Float32Array.from(t.data), t.shape).param(t.name);
const param = (shape: number[], name: string): Tensor => randn(shape, rng).param(name);

describe('ops in float32: float32 results and gradients that track float64', () => {
  // each case: a scalar loss of some leaves; the float32 run gets the same values rounded
  const cases: [string, Tensor[], (...xs: Tensor[]) => Tensor][] = [
    ['add/sub/mul/div with broadcasting', [param([5, 4], 'a'), param([1, 4], 'b')], (a, b) => a.add(b).mul(a).sub(b.mul(2)).div(b.abs().add(1)).sum()],
    ['unary family', [param([3, 7], 'x')], (x) => x.tanh().add(x.sigmoid()).add(x.relu()).add(x.square().add(1).sqrt()).add(x.exp().mul(0.1)).sum()],
    ['matmul and transposes', [param([6, 5], 'a'), param([4, 5], 'b')], (a, b) => a.matmul(b, { transposeB: true }).square().mean().add(a.transpose().sumSquares())],
    ['softmax cross-entropy', [param([8, 10], 'z')], (z) => z.softmaxCrossEntropy([0, 1, 2, 3, 4, 5, 6, 7])],
    ['linear with feedback B', [param([6, 9], 'x'), param([4, 9], 'W'), param([4], 'b'), param([9, 4], 'B')], (x, W, b, B) => linear(x, W, b, { input: { kind: 'feedback', B } }).tanh().sum()],
    ['conv2d, pooling', [param([2, 3, 8, 8], 'x'), param([4, 3, 3, 3], 'W'), param([4], 'b')], (x, W, b) => maxPool2d(conv2d(x, W, b, { padding: 1 }).relu(), { kernel: 2 }).add(avgPool2d(conv2d(x, W, null, { padding: 1 }), { kernel: 2 })).square().sum()],
    ['batch norm', [param([6, 3, 2, 2], 'x'), param([3], 'gamma'), param([3], 'beta')], (x, g, b) => batchNorm(x, g, b).mul(x).sum()],
    ['reshape, gatherRows, sliceRows, trace', [param([4, 6], 'x')], (x) => x.gatherRows([3, 1, 1]).sliceRows(1, 3).reshape([3, 4]).matmul(x.reshape([4, 6]).sliceRows(0, 4)).sum().add(x.sliceRows(0, 4).reshape([4, 6]).matmul(x.transpose()).trace())],
  ];
  for (const [name, leaves, f] of cases) {
    it(`${name}: every result and gradient float32, within 1e-4 (relative to the largest) of float64`, () => {
      const loss64 = f(...leaves);
      loss64.backward();
      const leaves32 = leaves.map(f32Of);
      const loss32 = f(...leaves32);
      expect(loss32.dtype).toBe('float32');
      expect(loss32.data).toBeInstanceOf(Float32Array);
      loss32.backward();
      expect(Math.abs(loss32.item() - loss64.item())).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(loss64.item())));
      leaves.forEach((x, i) => {
        const g32 = leaves32[i]!.grad, g64 = x.grad;
        if (g64 === null) return expect(g32).toBeNull(); // B of a feedback op takes no gradient
        expect(g32!.dtype).toBe('float32');
        const big = Math.max(1e-12, ...Array.from(g64.data, Math.abs));
        for (let j = 0; j < g64.size; j++) expect(Math.abs(g32!.data[j]! - g64.data[j]!)).toBeLessThanOrEqual(1e-4 * big);
      });
    });
  }
});

describe('dtype promotion and conversion', () => {
  it('a float64 operand promotes the result to float64; each leaf gets its gradient in its own dtype', () => {
    const a = fromData(Float32Array.of(1, 2, 3), [3]).param('a');
    const b = tensor([0.5, 0.25, 2]).param('b');
    const y = a.mul(b);
    expect(y.dtype).toBe('float64');
    y.sum().backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(Array.from(a.grad!.data)).toEqual([0.5, 0.25, 2]);
    expect(b.grad!.dtype).toBe('float64');
    expect(Array.from(b.grad!.data)).toEqual([1, 2, 3]);
  });

  it('a plain number takes the dtype of the tensor it meets', () => {
    const x = fromData(Float32Array.of(1, 2), [2]);
    expect(x.add(1).dtype).toBe('float32');
    expect(x.mul(0.1).data[1]).toBe(Math.fround(Math.fround(0.1) * 2));
  });

  it('to() rounds to nearest, is differentiable, and is the identity when the dtype already matches', () => {
    const x = tensor([1 / 3, -2.5, 1e-40]).param('x');
    const y = x.to('float32');
    expect(Array.from(y.data)).toEqual([Math.fround(1 / 3), -2.5, Math.fround(1e-40)]);
    y.mul(y.to('float64')).sum().backward();
    expect(x.grad!.dtype).toBe('float64');
    for (let i = 0; i < 3; i++) expect(x.grad!.data[i]!).toBeCloseTo(2 * Math.fround(x.data[i]!), 6);
    expect(x.to('float64')).toBe(x);
  });

  it('convertInPlace keeps the leaf (identity, name, requiresGrad) and refuses op results', () => {
    const W = randn([2, 3], rng).param('W');
    const data = W.data;
    expect(W.convertInPlace('float32')).toBe(W);
    expect(W.dtype).toBe('float32');
    expect(W.requiresGrad).toBe(true);
    expect(W.name).toBe('W');
    expect(Array.from(W.data)).toEqual(Array.from(data, Math.fround));
    expect(() => W.add(1).convertInPlace('float64')).toThrow(/result of an op/);
  });

  it('float64-only code names itself when handed a float32 tensor', () => {
    const x = zeros([2, 2], { dtype: 'float32' });
    expect(() => x.f64('svd')).toThrow(/svd: needs a float64 tensor, got float32 \[2, 2\]/);
  });

  it('creation functions take a dtype; a seed gives the same values (rounded) in both', () => {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      expect(zeros([2], { dtype }).dtype).toBe(dtype);
      expect(tensor([[1, 2]], { dtype }).dtype).toBe(dtype);
    }
    const a = randn([50], new Rng('same'));
    const b = randn([50], new Rng('same'), 1, 0, { dtype: 'float32' });
    expect(Array.from(b.data)).toEqual(Array.from(a.data, Math.fround));
  });
});
