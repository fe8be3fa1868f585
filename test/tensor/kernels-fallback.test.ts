/**
 * The kernel layer where the fast paths cannot run: no kernels.wasm on disk, an engine that
 * rejects the module (as one without WebAssembly SIMD or shared memory would), no WebAssembly at
 * all, no worker threads, and the LAELAB_KERNELS=js kill switch. Each case loads the kernel layer
 * afresh (vi.resetModules) so its once-per-process loading runs again under the simulated limits.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { referenceGemm as reference } from '../helpers/reference-gemm.js';

type Kernels = typeof import('../../src/tensor/kernels/index.js');

const rng = new Rng('kernels-fallback');

/** gemm (every transpose, threaded sizes included), the elementwise kernels and the sparse Gram still give the right answers. */
function exercise(k: Kernels): void {
  for (const [M, N, K] of [[3, 7, 5], [65, 257, 7], [130, 140, 150]] as const) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const A = rng.fillNormal(new Float64Array(M * K)), B = rng.fillNormal(new Float64Array(K * N)), C = new Float64Array(M * N);
        k.gemm(ta, tb, M, N, K, A, B, C);
        const ref = reference(ta, tb, M, N, K, A, B);
        let err = 0, scale = 0;
        for (let i = 0; i < C.length; i++) {
          err = Math.max(err, Math.abs(C[i]! - ref[i]!));
          scale = Math.max(scale, Math.abs(ref[i]!));
        }
        expect(err / scale).toBeLessThan(1e-12);
      }
    }
  }
  const n = 5000;
  const a = rng.fillNormal(new Float64Array(n)), b = rng.fillNormal(new Float64Array(n)), out = new Float64Array(n);
  k.broadcastBinary(k.BinaryOp.Add, a, [n], b, [n], out, [n]);
  k.reluForward(out, out);
  for (let i = 0; i < n; i++) expect(out[i]).toBe(Math.max(a[i]! + b[i]!, 0));
  // sparse Gram, large enough for the wasm and threaded paths: against a naive double loop
  const [np, m] = [1100, 65];
  const x = new Float64Array(np * m).map(() => (rng.uniform() < 0.2 ? rng.normal() : 0));
  const G = k.sparseGramUpper(x, np, m, 'rows');
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0, scale = 0;
      for (let p = 0; p < np; p++) {
        s += x[p * m + i]! * x[p * m + j]!;
        scale += Math.abs(x[p * m + i]! * x[p * m + j]!);
      }
      if (j < i) expect(G[i * m + j]).toBe(0);
      else expect(Math.abs(G[i * m + j]! - s)).toBeLessThanOrEqual(1e-12 * scale);
    }
  }
}

async function freshKernels(): Promise<Kernels> {
  vi.resetModules();
  return import('../../src/tensor/kernels/index.js');
}

afterEach(() => {
  vi.doUnmock('node:fs');
  vi.doUnmock('node:worker_threads');
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('kernel fallbacks', () => {
  it('no kernels.wasm on disk: TypeScript kernels, and the reason is reported', async () => {
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      const readFileSync = ((path: unknown, ...rest: unknown[]) => {
        if (/kernels(-relaxed)?\.wasm$/.test(String(path))) throw Object.assign(new Error('ENOENT: no such file, kernels.wasm'), { code: 'ENOENT' });
        return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.readFileSync;
      return { ...fs, default: { ...fs, readFileSync }, readFileSync };
    });
    const k = await freshKernels();
    expect(k.wasmRuntime(2)).toBeNull();
    expect(k.wasmFailure()).toMatch(/ENOENT/);
    expect(k.gemmThreads()).toBe(1);
    exercise(k);
  });

  it('an engine that rejects the module (no SIMD / shared memory): TypeScript kernels', async () => {
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      const readFileSync = ((path: unknown, ...rest: unknown[]) => {
        // a valid header followed by garbage: WebAssembly.Module throws a CompileError
        if (/kernels(-relaxed)?\.wasm$/.test(String(path))) return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff]);
        return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.readFileSync;
      return { ...fs, default: { ...fs, readFileSync }, readFileSync };
    });
    const k = await freshKernels();
    expect(k.wasmRuntime(2)).toBeNull();
    expect(k.wasmFailure()).toBeTruthy();
    exercise(k);
  });

  it('no WebAssembly at all: TypeScript kernels', async () => {
    const k = await freshKernels();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      expect(k.wasmRuntime(2)).toBeNull(); // first use loads, and fails, here
    } finally {
      vi.unstubAllGlobals();
    }
    expect(k.wasmFailure()).toMatch(/WebAssembly/);
    exercise(k);
  });

  it('no worker threads: WebAssembly on the calling thread only', async () => {
    vi.doMock('node:worker_threads', () => ({
      Worker: class {
        constructor() {
          throw new Error('worker threads unavailable');
        }
      },
    }));
    const k = await freshKernels();
    k.setKernelOptions({ threads: 2, threadMinWork: 0 });
    expect(k.gemmThreads()).toBe(1);
    exercise(k);
  });

  it('the baseline SIMD build (LAELAB_WASM_RELAXED=0, mul + add instead of FMA) agrees with the reference too', async () => {
    vi.stubEnv('LAELAB_WASM_RELAXED', '0');
    const k = await freshKernels();
    const rt = k.wasmRuntime(2);
    if (rt === null) return; // no WebAssembly here: nothing to compare
    expect(rt.variant).toBe('simd');
    let worst = 0;
    for (const M of [1, 3, 7, 65, 257]) {
      for (const [N, K] of [[1, 3], [7, 65], [257, 7], [65, 257]] as const) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            const A = rng.fillNormal(new Float64Array(M * K)), B = rng.fillNormal(new Float64Array(K * N));
            const fast = new Float64Array(M * N), ref = new Float64Array(M * N), scale = new Float64Array(M * N);
            expect(k.gemmWasm(ta, tb, M, N, K, A, B, fast, false, 2)).toBe(true);
            k.gemmJs(ta, tb, M, N, K, A, B, ref);
            k.gemmJs(ta, tb, M, N, K, A.map(Math.abs), B.map(Math.abs), scale);
            for (let i = 0; i < M * N; i++) worst = Math.max(worst, Math.abs(fast[i]! - ref[i]!) / scale[i]!);
          }
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
    exercise(k);
  });

  it('LAELAB_KERNELS=js switches the fast paths off; setKernelOptions switches back', async () => {
    vi.stubEnv('LAELAB_KERNELS', 'js');
    vi.stubEnv('LAELAB_THREADS', '1');
    const k = await freshKernels();
    expect(k.getKernelOptions().backend).toBe('js');
    expect(k.getKernelOptions().threads).toBe(1);
    exercise(k);
    k.setKernelOptions({ backend: 'auto' });
    exercise(k);
    expect(() => k.setKernelOptions({ threads: 0 })).toThrow(RangeError);
  });
});
