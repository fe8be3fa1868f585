import { Rng } from '../../src/random/rng.js';
import { gemm, gemmIkj } from '../../src/tensor/kernels/index.js';
import { time } from './timing.js';

export interface GemmRow {
  n: number;
  kernelGflops: number;
  ikjGflops: number;
  /** kernel / i-k-j throughput. */
  ratio: number;
}

/** Square float64 products n×n·n×n: the register-tiled kernel and the plain i-k-j loop, same run. */
export function benchGemm(sizes: readonly number[], reps: number): GemmRow[] {
  const rng = new Rng('bench-gemm');
  return sizes.map((n) => {
    const A = rng.fillNormal(new Float64Array(n * n));
    const B = rng.fillNormal(new Float64Array(n * n));
    const C = new Float64Array(n * n);
    const flops = 2 * n * n * n;
    const kernel = time(() => gemm(false, false, n, n, n, A, B, C), reps);
    const ikj = time(() => gemmIkj(n, n, n, A, B, C), reps);
    const kernelGflops = flops / kernel.median / 1e9;
    const ikjGflops = flops / ikj.median / 1e9;
    return { n, kernelGflops, ikjGflops, ratio: kernelGflops / ikjGflops };
  });
}
