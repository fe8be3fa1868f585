/**
 * gemm GFLOP/s, float64 (tfjs: float32): square n×n·n×n and the products of one MNIST MLP layer
 * (batch × 784 × 256 forward, and the two transposed products of its backward pass).
 */
import { Rng } from '../../src/random/rng.js';
import { gemm, gemmJs, setKernelOptions } from '../../src/tensor/kernels/index.js';
import { runPythonScript } from './peers/python.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { time } from './timing.js';
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
  /** Largest n at which the TypeScript reference kernel is still timed. */
  jsMaxWork?: number;
}

export async function benchGemm(o: GemmBenchOptions): Promise<Section> {
  const rng = new Rng('bench-gemm');
  const notes: string[] = [];
  const figures: Figure[] = [];
  for (const s of o.shapes) {
    const { M, N, K, ta, tb } = s;
    const A = rng.fillNormal(new Float64Array(M * K));
    const B = rng.fillNormal(new Float64Array(K * N));
    const C = new Float64Array(M * N);
    const gf = (sec: number): number => (2 * M * N * K) / sec / 1e9;
    const values: Record<string, number | null> = {};
    values['laelab'] = gf(time(() => gemm(ta, tb, M, N, K, A, B, C), o.reps).median);
    const prev = setKernelOptions({ threads: 1 });
    values['laelab-1t'] = gf(time(() => gemm(ta, tb, M, N, K, A, B, C), o.reps).median);
    setKernelOptions(prev);
    values['laelab-js'] = gf(time(() => gemmJs(ta, tb, M, N, K, A, B, C), o.reps).median);
    if (o.tfjs) {
      const tf = o.tfjs.tf;
      for (const backend of ['cpu', 'wasm']) {
        if (!(await useBackend(o.tfjs, backend))) {
          values[`tfjs-${backend}`] = null;
          continue;
        }
        const a = tf.tensor2d(Float32Array.from(A), ta ? [K, M] : [M, K]);
        const b = tf.tensor2d(Float32Array.from(B), tb ? [N, K] : [K, N]);
        const t = time(() => {
          const c = tf.matMul(a, b, ta, tb);
          c.dataSync();
          c.dispose();
        }, o.reps);
        a.dispose();
        b.dispose();
        values[`tfjs-${backend}`] = gf(t.median);
      }
    }
    figures.push({ section: 'gemm', name: `gemm ${s.label}`, unit: 'GFLOP/s', higherIsBetter: true, values });
    console.error(`  gemm ${s.label}: laelab ${values['laelab']!.toFixed(2)} GFLOP/s`);
  }
  if (o.numpy) {
    // NumPy as installed (OpenBLAS with its default threads) and pinned to one thread: OpenBLAS's
    // spinning threads collapse when another process holds a core, the single thread does not
    const job = { reps: o.reps, minSeconds: 0.05, gemm: o.shapes.map(({ M, N, K, ta, tb }) => ({ M, N, K, ta, tb })) };
    for (const [column, env] of [['numpy', {}], ['numpy-1t', { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' }]] as const) {
      try {
        const r = runPythonScript<{ gemm: { median: number }[] }>('numpy_bench.py', job, 1_800_000, env);
        o.shapes.forEach((s, i) => {
          figures[i]!.values[column] = (2 * s.M * s.N * s.K) / r.gemm[i]!.median / 1e9;
        });
      } catch (err) {
        notes.push(`NumPy peer (${column}) failed: ${(err as Error).message}`);
      }
    }
  }
  return { id: 'gemm', title: 'gemm (GFLOP/s, higher is better)', figures, notes };
}
