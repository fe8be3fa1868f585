/**
 * gemm GFLOP/s, float64 and float32 (laelab's f32x4 kernel; tfjs: float32; PyTorch: both), each
 * laelab dtype on 2 threads and on 1 (the thread-scaling curve): square n×n·n×n and the products of one MNIST MLP layer
 * (batch × 784 × 256 forward, and the two transposed products of its backward pass).
 */
import { Rng } from '../../src/random/rng.js';
import { gemm, gemmJs, setKernelOptions } from '../../src/tensor/kernels/index.js';
import { runPythonScript } from './peers/python.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { addBestThreads, runTorch, torchColumn, type TorchPeer } from './peers/torch.js';
import { settle } from './rounds.js';
import { median, sampler } from './timing.js';
import type { Figure, Section } from './types.js';

export interface GemmShape {
  label: string;
  M: number;
  N: number;
  K: number;
  ta: boolean;
  tb: boolean;
}

export function gemmShapes(square: readonly number[], batch: number): GemmShape[] {
  return [
    ...square.map((n) => ({ label: `${n}×${n}×${n}`, M: n, N: n, K: n, ta: false, tb: false })),
    { label: `MNIST fwd X·W (${batch}×784 · 784×256)`, M: batch, N: 256, K: 784, ta: false, tb: false },
    { label: `MNIST bwd Xᵀ·G (784×${batch} · ${batch}×256)`, M: 784, N: 256, K: batch, ta: true, tb: false },
    { label: `MNIST bwd G·Wᵀ (${batch}×256 · 256×784)`, M: batch, N: 784, K: 256, ta: false, tb: true },
  ];
}

export interface GemmBenchOptions {
  reps: number;
  shapes: GemmShape[];
  tfjs: TfjsPeer | null;
  numpy: boolean;
  /** PyTorch, float64 and float32, 1 and 2 threads (null: skipped). */
  torch: TorchPeer | null;
  /** Largest n at which the TypeScript reference kernel is still timed. */
  jsMaxWork?: number;
}

/**
 * Every contender is sampled once per round, round after round (interleaved), so that a burst of
 * load from another process hits all columns alike instead of one; the median over the rounds is
 * reported; each round starts with 0.7 s of unmeasured products (./rounds.ts `settle`: the first
 * half second after a subprocess runs slow). NumPy runs once per round in a python3 subprocess (one sample per shape, its own
 * warm-up; default OpenBLAS threads and pinned to one thread), and so does PyTorch (each dtype
 * and torch.set_num_threads setting).
 */
export async function benchGemm(o: GemmBenchOptions): Promise<Section> {
  const rng = new Rng('bench-gemm');
  const notes: string[] = [];
  const data = o.shapes.map((s) => ({
    s,
    A: rng.fillNormal(new Float64Array(s.M * s.K)),
    B: rng.fillNormal(new Float64Array(s.K * s.N)),
    C: new Float64Array(s.M * s.N),
  }));
  // the same values rounded to float32, for laelab's f32x4 kernel (PyTorch's float32 column)
  const data32 = data.map(({ A, B, C }) => ({ A: Float32Array.from(A), B: Float32Array.from(B), C: new Float32Array(C.length) }));
  const samples = data.map(() => new Map<string, number[]>());
  const push = (i: number, column: string, seconds: number): void => {
    const m = samples[i]!;
    if (!m.has(column)) m.set(column, []);
    m.get(column)!.push(seconds);
  };
  // laelab samplers (calibrated once); tfjs samplers are calibrated in the first round
  const laelab = data.map(({ s, A, B, C }, i) => {
    const { M, N, K, ta, tb } = s;
    const auto = sampler(() => gemm(ta, tb, M, N, K, A, B, C));
    const d32 = data32[i]!;
    const f32 = sampler(() => gemm(ta, tb, M, N, K, d32.A, d32.B, d32.C));
    const prev = setKernelOptions({ threads: 1 });
    const one = sampler(() => gemm(ta, tb, M, N, K, A, B, C));
    const f32one = sampler(() => gemm(ta, tb, M, N, K, d32.A, d32.B, d32.C));
    setKernelOptions(prev);
    const js = sampler(() => gemmJs(ta, tb, M, N, K, A, B, C));
    return { auto, f32, one, f32one, js };
  });
  const tfInner = new Map<string, number>();
  const job = { reps: 1, minSeconds: 0.05, gemm: o.shapes.map(({ M, N, K, ta, tb }) => ({ M, N, K, ta, tb })) };
  const numpyConfigs = [['numpy', {}], ['numpy-1t', { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' }]] as const;
  const numpyFailed = new Set<string>();
  let torchFailed = false;
  for (let round = 0; round < o.reps; round++) {
    // laelab's 2-thread columns for every shape first, then its 1-thread and TypeScript ones, then
    // the peers: JavaScript work (tfjs, the TypeScript reference) leaves V8's background threads
    // (GC, compiler) busy on the second core for a while, which would land on whichever 2-thread
    // sample came next (measured: 1024³ at 1.1× one thread interleaved, 1.7× alone)
    settle([data.map(({ s, A, B, C }) => ({ column: 'laelab', step: () => gemm(s.ta, s.tb, s.M, s.N, s.K, A, B, C) }))]);
    laelab.forEach((l, i) => {
      push(i, 'laelab', l.auto.sample());
      push(i, 'laelab-f32', l.f32.sample());
    });
    const prev = setKernelOptions({ threads: 1 });
    laelab.forEach((l, i) => {
      push(i, 'laelab-1t', l.one.sample());
      push(i, 'laelab-f32-1t', l.f32one.sample());
    });
    setKernelOptions(prev);
    laelab.forEach((l, i) => push(i, 'laelab-js', l.js.sample()));
    for (let i = 0; i < data.length; i++) {
      const { s, A, B } = data[i]!;
      const { M, N, K, ta, tb } = s;
      if (!o.tfjs) continue;
      const tf = o.tfjs.tf;
      for (const backend of ['cpu', 'wasm']) {
        if (!(await useBackend(o.tfjs, backend))) continue;
        const a = tf.tensor2d(Float32Array.from(A), ta ? [K, M] : [M, K]);
        const b = tf.tensor2d(Float32Array.from(B), tb ? [N, K] : [K, N]);
        const call = (): void => {
          const c = tf.matMul(a, b, ta, tb);
          c.dataSync();
          c.dispose();
        };
        const key = `${i}/${backend}`;
        let inner = tfInner.get(key);
        if (inner === undefined) {
          const cal = sampler(call); // warm-up + calibration on the first round
          push(i, `tfjs-${backend}`, cal.sample());
          inner = cal.first > 1 ? 1 : Math.max(1, Math.round(0.05 / Math.max(cal.first, 1e-6)));
          tfInner.set(key, inner);
        } else {
          call(); // warm-up after the backend switch
          const t0 = performance.now();
          for (let r = 0; r < inner; r++) call();
          push(i, `tfjs-${backend}`, (performance.now() - t0) / 1000 / inner);
        }
        a.dispose();
        b.dispose();
      }
    }
    if (o.numpy) {
      for (const [column, env] of numpyConfigs) {
        if (numpyFailed.has(column)) continue;
        try {
          const r = runPythonScript<{ gemm: { median: number }[] }>('numpy_bench.py', job, 1_800_000, env);
          r.gemm.forEach((g, i) => push(i, column, g.median));
        } catch (err) {
          numpyFailed.add(column);
          notes.push(`NumPy peer (${column}) failed: ${(err as Error).message}`);
        }
      }
    }
    if (o.torch && !torchFailed) {
      try {
        for (const r of runTorch(o.torch, job)) push(r.index, torchColumn(r), r.median);
      } catch (err) {
        torchFailed = true;
        notes.push(`PyTorch gemm peer failed: ${(err as Error).message}`);
      }
    }
    console.error(`  gemm round ${round + 1}/${o.reps} done`);
  }
  const figures: Figure[] = data.map(({ s }, i) => {
    const values: Record<string, number | null> = {};
    for (const [column, xs] of samples[i]!) values[column] = (2 * s.M * s.N * s.K) / median(xs) / 1e9;
    addBestThreads(values);
    return { section: 'gemm', name: `gemm ${s.label}`, unit: 'GFLOP/s', higherIsBetter: true, values };
  });
  notes.push(`gemm: ${o.reps} interleaved rounds, each contender sampled once per round (≥ 50 ms per sample), median`);
  return { id: 'gemm', title: 'gemm (GFLOP/s, higher is better)', figures, notes };
}
