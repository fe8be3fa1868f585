/**
 * The fast kernels (WebAssembly SIMD gemm and elementwise loops, the threaded gemm, the sparse
 * Gram) against the
 * plain TypeScript reference path, on random inputs of odd shapes and every transpose. When
 * WebAssembly or worker threads are unavailable here the affected tests are skipped; the fallback
 * itself is tested in kernels-fallback.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import {
  BinaryOp, binaryWasm, broadcastBinary, gemm, gemmJs, gemmThreads, gemmWasm, getKernelOptions, reluBackward, reluBackwardWasm,
  reluForward, reluWasm, setKernelOptions, sparseGramUpper, sparseGramUpperJs, sparseGramWasm, wasmRuntime, sgdStep, adamStep,
  im2col, col2im, type Window2d,
} from '../../src/tensor/kernels/index.js';
import { helpedJobs } from '../../src/tensor/kernels/wasm-pool.js';
import { adamWasm, sgdWasm } from '../../src/tensor/kernels/wasm-optim.js';
import { col2imWasm, im2colWasm } from '../../src/tensor/kernels/wasm-im2col.js';

const rng = new Rng('kernels-wasm');
const randArray = (n: number): Float64Array => rng.fillNormal(new Float64Array(n));
const hasWasm = wasmRuntime(2) !== null;
const initial = getKernelOptions();
afterAll(() => {
  setKernelOptions(initial);
});

/**
 * Largest |fast − reference| / (Σ_p |op(A)_ip|·|op(B)_pj| (+ |C0_ij|)): the error relative to the
 * scale of each entry's sum, which is what a different summation order can change.
 */
function relativeError(
  ta: boolean, tb: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array,
  fast: Float64Array, ref: Float64Array, C0?: Float64Array,
): number {
  const scale = new Float64Array(M * N);
  gemmJs(ta, tb, M, N, K, A.map(Math.abs), B.map(Math.abs), scale);
  let worst = 0;
  for (let i = 0; i < M * N; i++) {
    const s = scale[i]! + (C0 ? Math.abs(C0[i]!) : 0);
    const e = Math.abs(fast[i]! - ref[i]!);
    if (e === 0) continue;
    worst = Math.max(worst, s > 0 ? e / s : Infinity);
  }
  return worst;
}

const ODD = [1, 3, 7, 65, 257];
const FLAGS: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

/** Every (M, N, K) from the odd sizes, except the 257³ corner (covered by the threaded test). */
function oddShapes(): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const M of ODD) for (const N of ODD) for (const K of ODD) if (!(M === 257 && N === 257 && K === 257)) out.push([M, N, K]);
  return out;
}

function checkAgainstReference(run: (ta: boolean, tb: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array, acc: boolean) => boolean, shapes: [number, number, number][], accumulate: boolean): number {
  let worst = 0;
  for (const [ta, tb] of FLAGS) {
    for (const [M, N, K] of shapes) {
      const A = randArray(M * K), B = randArray(K * N);
      const C0 = accumulate ? randArray(M * N) : new Float64Array(M * N);
      const ref = C0.slice(), fast = accumulate ? C0.slice() : new Float64Array(M * N).fill(Number.NaN);
      gemmJs(ta, tb, M, N, K, A, B, ref, accumulate);
      expect(run(ta, tb, M, N, K, A, B, fast, accumulate), `wasm gemm refused ${M}×${N}×${K}`).toBe(true);
      const err = relativeError(ta, tb, M, N, K, A, B, fast, ref, accumulate ? C0 : undefined);
      if (!(err <= 1e-12)) throw new Error(`M=${M} N=${N} K=${K} transA=${ta} transB=${tb} accumulate=${accumulate}: relative error ${err}`);
      worst = Math.max(worst, err);
    }
  }
  return worst;
}

describe.skipIf(!hasWasm)('WebAssembly SIMD gemm against the TypeScript reference (1e-12 relative)', () => {
  it('every M, N, K in {1, 3, 7, 65, 257}, every transpose, one thread', () => {
    const worst = checkAgainstReference((ta, tb, M, N, K, A, B, C, acc) => gemmWasm(ta, tb, M, N, K, A, B, C, acc, 1), oddShapes(), false);
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('accumulates into C (C += op(A)·op(B))', () => {
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 7, 65], [65, 3, 7], [7, 257, 3], [257, 65, 7], [65, 65, 257]];
    expect(checkAgainstReference((ta, tb, M, N, K, A, B, C, acc) => gemmWasm(ta, tb, M, N, K, A, B, C, acc, 1), shapes, true)).toBeLessThanOrEqual(1e-12);
  });

  it('shapes across the cache blocks (K > 256, N > 1024, M > 128) and the same array as both operands', () => {
    const shapes: [number, number, number][] = [[130, 1030, 300], [257, 9, 513], [5, 1031, 259]];
    expect(checkAgainstReference((ta, tb, M, N, K, A, B, C, acc) => gemmWasm(ta, tb, M, N, K, A, B, C, acc, 1), shapes, false)).toBeLessThanOrEqual(1e-12);
    // XᵀX with X passed twice (copied into wasm memory once)
    const X = randArray(300 * 70);
    const ref = new Float64Array(70 * 70), fast = new Float64Array(70 * 70);
    gemmJs(true, false, 70, 70, 300, X, X, ref);
    expect(gemmWasm(true, false, 70, 70, 300, X, X, fast, false, 1)).toBe(true);
    expect(relativeError(true, false, 70, 70, 300, X, X, fast, ref)).toBeLessThanOrEqual(1e-12);
  });

  it('the dispatching gemm agrees with the reference around the size thresholds', () => {
    const shapes: [number, number, number][] = [[2, 2, 2], [6, 6, 6], [7, 7, 7], [20, 20, 1], [20, 20, 2], [1, 784, 256], [64, 256, 784]];
    expect(checkAgainstReference((ta, tb, M, N, K, A, B, C, acc) => {
      gemm(ta, tb, M, N, K, A, B, C, acc);
      return true;
    }, shapes, false)).toBeLessThanOrEqual(1e-12);
  });
});

describe.skipIf(!hasWasm)('threaded gemm (chunks of rows or columns claimed by the threads)', () => {
  it('agrees with the reference for row and column splits, every transpose', () => {
    setKernelOptions({ threadMinWork: 0 });
    try {
      const shapes: [number, number, number][] = [[257, 65, 65], [65, 257, 65], [257, 257, 257], [7, 257, 65], [257, 3, 7], [1, 257, 65], [130, 1030, 31]];
      for (const acc of [false, true]) {
        expect(checkAgainstReference((ta, tb, M, N, K, A, B, C, a) => gemmWasm(ta, tb, M, N, K, A, B, C, a, 2), shapes, acc)).toBeLessThanOrEqual(1e-12);
      }
    } finally {
      setKernelOptions({ threadMinWork: initial.threadMinWork });
    }
  });

  it.skipIf(gemmThreads() < 2)('a helper thread takes part once it has started', () => {
    const n = 257;
    const A = randArray(n * n), B = randArray(n * n), C = new Float64Array(n * n), ref = new Float64Array(n * n);
    gemmJs(false, false, n, n, n, A, B, ref);
    const before = helpedJobs();
    const deadline = Date.now() + 20_000;
    const nap = new Int32Array(new SharedArrayBuffer(4));
    // the helper starts asynchronously (tens of ms); until then the caller does every chunk itself
    while (helpedJobs() === before && Date.now() < deadline) {
      expect(gemmWasm(false, false, n, n, n, A, B, C, false, 2)).toBe(true);
      Atomics.wait(nap, 0, 0, 5); // sleep 5 ms so the worker can boot
    }
    expect(helpedJobs()).toBeGreaterThan(before);
    expect(relativeError(false, false, n, n, n, A, B, C, ref)).toBeLessThanOrEqual(1e-12);
  });
});

/** n points of m features, each entry non-zero with probability `density` (some points all zero). */
function sparseData(n: number, m: number, density: number): Float64Array {
  const x = new Float64Array(n * m);
  for (let i = 0; i < x.length; i++) if (rng.uniform() < density) x[i] = rng.normal();
  return x;
}

/**
 * Largest |fast − reference| over the upper triangle, relative to Σ_p |x_pi x_pj| of each entry;
 * Infinity when the strict lower triangle of `fast` is not zero.
 */
function gramError(x: Float64Array, n: number, m: number, layout: 'rows' | 'columns', fast: Float64Array, ref: Float64Array): number {
  const abs = sparseGramUpperJs(x.map(Math.abs), n, m, layout);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) if (fast[i * m + j] !== 0) return Infinity;
    for (let j = i; j < m; j++) {
      const e = Math.abs(fast[i * m + j]! - ref[i * m + j]!);
      if (e > 0) worst = Math.max(worst, e / abs[i * m + j]!);
    }
  }
  return worst;
}

const GRAM_CASES: [n: number, m: number, density: number][] = [[1, 1, 1], [3, 7, 0.5], [7, 3, 1], [65, 65, 0.2], [257, 65, 0.05], [65, 257, 0.3], [1030, 70, 0.19], [40, 5, 0]];

describe.skipIf(!hasWasm)('WebAssembly sparse Gram (covariance of mostly-zero data) against the TypeScript reference', () => {
  it('one thread: bit-identical, both layouts, odd shapes, empty and dense points', () => {
    for (const [n, m, density] of GRAM_CASES) {
      const x = sparseData(n, m, density);
      for (const layout of ['rows', 'columns'] as const) {
        const G = sparseGramWasm(x, n, m, layout, 1);
        expect(G).not.toBeNull();
        expect(Array.from(G!)).toEqual(Array.from(sparseGramUpperJs(x, n, m, layout)));
      }
    }
  });

  it('threaded (each thread takes whole parts of the points): bit-identical too, and so is the dispatcher', () => {
    for (const [n, m, density] of GRAM_CASES) {
      const x = sparseData(n, m, density);
      for (const layout of ['rows', 'columns'] as const) {
        const ref = Array.from(sparseGramUpperJs(x, n, m, layout));
        const G = sparseGramWasm(x, n, m, layout, 2);
        expect(G).not.toBeNull();
        expect(Array.from(G!)).toEqual(ref);
        expect(Array.from(sparseGramUpper(x, n, m, layout))).toEqual(ref);
      }
    }
  });

  it('the reference agrees with a naive double loop (1e-12 of Σ|x_pi x_pj|), lower triangle zero', () => {
    for (const [n, m, density] of GRAM_CASES) {
      const x = sparseData(n, m, density);
      for (const layout of ['rows', 'columns'] as const) {
        const at = (p: number, i: number): number => (layout === 'rows' ? x[p * m + i]! : x[i * n + p]!);
        const naive = new Float64Array(m * m);
        for (let i = 0; i < m; i++) for (let j = i; j < m; j++) for (let p = 0; p < n; p++) naive[i * m + j] += at(p, i) * at(p, j);
        expect(gramError(x, n, m, layout, sparseGramUpperJs(x, n, m, layout), naive)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it.skipIf(gemmThreads() < 2)('a helper thread takes part in a large accumulation', () => {
    const n = 2000, m = 64;
    const x = sparseData(n, m, 0.3);
    const ref = sparseGramUpperJs(x, n, m, 'rows');
    const before = helpedJobs();
    const deadline = Date.now() + 20_000;
    const nap = new Int32Array(new SharedArrayBuffer(4));
    let G: Float64Array | null = null;
    while ((G === null || helpedJobs() === before) && Date.now() < deadline) {
      G = sparseGramWasm(x, n, m, 'rows', 2);
      Atomics.wait(nap, 0, 0, 5);
    }
    expect(helpedJobs()).toBeGreaterThan(before);
    expect(Array.from(G!)).toEqual(Array.from(ref));
  });
});

describe.skipIf(!hasWasm)('WebAssembly elementwise loops are bit-identical to the TypeScript loops', () => {
  const special = [0, -0, 1, -1, Number.NaN, Infinity, -Infinity, 1e-310, -1e-310, 1e308];
  const lengths = [1, 2, 3, 7, 65, 257, 1000];
  const sample = (n: number): Float64Array => {
    const x = randArray(n);
    for (let i = 0; i < n; i += 3) x[i] = special[(i / 3) % special.length]!;
    return x;
  };
  const same = (x: Float64Array, y: Float64Array): boolean => x.every((v, i) => Object.is(v, y[i]));

  it('add, sub, mul, div (including NaN, ±0, ±∞, subnormals), also in place', () => {
    for (const op of [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div]) {
      for (const n of lengths) {
        const a = sample(n), b = sample(n).reverse();
        const ref = new Float64Array(n), fast = new Float64Array(n);
        const prev = setKernelOptions({ backend: 'js' });
        broadcastBinary(op, a, [n], b, [n], ref, [n]);
        setKernelOptions(prev);
        expect(binaryWasm(op, a, b, fast, n)).toBe(true);
        expect(same(fast, ref), `op ${op} n ${n}`).toBe(true);
        const inPlace = a.slice();
        expect(binaryWasm(op, inPlace, b, inPlace, n)).toBe(true);
        expect(same(inPlace, ref)).toBe(true);
      }
    }
  });

  it('ReLU forward and backward (relu(NaN) = 0, relu(−0) = +0, as the TypeScript loop)', () => {
    for (const n of lengths) {
      const x = sample(n), g = sample(n).reverse();
      const prev = setKernelOptions({ backend: 'js' });
      const ref = new Float64Array(n), refG = new Float64Array(n);
      reluForward(x, ref);
      reluBackward(x, g, refG);
      setKernelOptions(prev);
      const fast = new Float64Array(n), fastG = new Float64Array(n);
      expect(reluWasm(x, fast)).toBe(true);
      expect(reluBackwardWasm(x, g, fastG)).toBe(true);
      expect(same(fast, ref), `relu n ${n}`).toBe(true);
      expect(same(fastG, refG), `relu backward n ${n}`).toBe(true);
    }
  });

  it('SGD (plain, momentum, weight decay) and Adam updates: float64 bit-identical, float32 within float32 rounding', () => {
    const run = (backend: 'js' | 'auto', T: Float64ArrayConstructor | Float32ArrayConstructor, n: number, step: (p: Float64Array | Float32Array, g: Float64Array | Float32Array, m: Float64Array | Float32Array, v: Float64Array | Float32Array) => void) => {
      const src = new Rng(`optim-${n}`);
      // v (second moments) ≥ 0
      const [p, g, m, v] = [0, 1, 2, 3].map((k) => T.from(src.fillNormal(new Float64Array(n)).map((x) => (k === 3 ? Math.abs(x) : x))));
      const prev = setKernelOptions({ backend, wasmMinElements: 1 });
      for (let t = 0; t < 3; t++) step(p!, g!, m!, v!);
      setKernelOptions(prev);
      return [p!, m!, v!];
    };
    const steps = {
      sgd: (p: Float64Array | Float32Array, g: Float64Array | Float32Array) => sgdStep(p, g, new Float64Array(0), 0.1, 0, 0),
      'sgd momentum, weight decay': (p: Float64Array | Float32Array, g: Float64Array | Float32Array, m: Float64Array | Float32Array) => sgdStep(p, g, m, 0.1, 0.9, 0.01),
      adam: (p: Float64Array | Float32Array, g: Float64Array | Float32Array, m: Float64Array | Float32Array, v: Float64Array | Float32Array) => adamStep(p, g, m, v, 1e-2, 0.9, 0.999, 1e-8, 0.1, 0.001),
    };
    // the wasm path itself answers (else the comparison below would be JS against JS)
    expect(sgdWasm(new Float32Array(3), new Float32Array(3), new Float32Array(0), 0.1, 0, 0)).toBe(true);
    expect(adamWasm(...[0, 1, 2, 3].map(() => new Float64Array(5)) as [Float64Array, Float64Array, Float64Array, Float64Array], 1, 0.9, 0.999, 1, 1e-8)).toBe(true);
    for (const [name, step] of Object.entries(steps)) {
      for (const n of lengths) {
        const fast = run('auto', Float64Array, n, step), ref = run('js', Float64Array, n, step);
        fast.forEach((x, k) => expect(same(x as Float64Array, ref[k] as Float64Array), `${name} float64 n ${n}`).toBe(true));
        const fast32 = run('auto', Float32Array, n, step), ref32 = run('js', Float32Array, n, step);
        fast32.forEach((x, k) => x.forEach((e, i) => expect(Math.abs(e - ref32[k]![i]!), `${name} float32 n ${n}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref32[k]![i]!)))));
      }
    }
  });

  it('im2col and col2im, float64 and float32, strides and padding: bit-identical', () => {
    const windows: Window2d[] = [
      { N: 2, C: 3, H: 7, W: 6, kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1, Ho: 7, Wo: 6 },
      { N: 1, C: 2, H: 9, W: 9, kh: 5, kw: 4, sh: 2, sw: 3, ph: 2, pw: 0, Ho: 5, Wo: 2 },
      { N: 3, C: 1, H: 5, W: 5, kh: 5, kw: 5, sh: 1, sw: 1, ph: 2, pw: 2, Ho: 5, Wo: 5 },
    ];
    for (const g of windows) {
      for (const T of [Float64Array, Float32Array]) {
        const n = g.N * g.Ho * g.Wo * g.C * g.kh * g.kw;
        const x = T.from(randArray(g.N * g.C * g.H * g.W)), gcols = T.from(randArray(n));
        const cols = new T(n).fill(7), ref = new T(n);
        const gx = T.from(randArray(x.length)), refGx = gx.slice();
        expect(im2colWasm(x, g, cols)).toBe(true);
        expect(col2imWasm(gcols, g, gx)).toBe(true);
        const prev = setKernelOptions({ backend: 'js' });
        im2col(x, g, ref);
        col2im(gcols, g, refGx);
        setKernelOptions(prev);
        expect(Array.from(cols)).toEqual(Array.from(ref));
        expect(Array.from(gx)).toEqual(Array.from(refGx));
      }
    }
  });

  it('the dispatching kernels give the reference results on both sides of the element threshold', () => {
    for (const n of [10, 100000]) {
      const a = sample(n), b = sample(n).reverse();
      const auto = new Float64Array(n), ref = new Float64Array(n);
      broadcastBinary(BinaryOp.Mul, a, [n], b, [n], auto, [n]);
      reluForward(auto, auto);
      const prev = setKernelOptions({ backend: 'js' });
      broadcastBinary(BinaryOp.Mul, a, [n], b, [n], ref, [n]);
      reluForward(ref, ref);
      setKernelOptions(prev);
      expect(same(auto, ref)).toBe(true);
    }
  });
});

describe('the committed WebAssembly binaries', () => {
  it('kernels.wasm and kernels-relaxed.wasm are what build.mjs generates (npm run build:wasm regenerates them)', () => {
    const script = fileURLToPath(new URL('../../src/tensor/kernels/wasm/build.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout + r.stderr).toContain('are up to date');
    expect(r.status).toBe(0);
  });
});
