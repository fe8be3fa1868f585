/**
 * Thread scaling of one gemm call (issue 16): the 2-thread ÷ 1-thread curve over the gemm rows of
 * this run, and, for two large square products and the MNIST forward product, where the calling
 * thread's time goes in a 2-thread call: the serial copies of A, B into and C out of the wasm
 * memory, its own chunks (against the same chunks alone on one thread: the slowdown while the
 * helper runs beside it), waiting for the helper, and the fixed cost of a threaded call.
 */
import { copyFromWasm, copyToWasm, wasmRuntime } from '../../src/tensor/kernels/wasm-runtime.js';
import { gemm, setKernelOptions } from '../../src/tensor/kernels/index.js';
import { poolStats } from '../../src/tensor/kernels/wasm-pool.js';
import { Rng } from '../../src/random/rng.js';
import { median, sampler } from './timing.js';
import type { Section } from './types.js';

type Arr = Float64Array | Float32Array;

function operands(M: number, N: number, K: number, f32: boolean): [Arr, Arr, Arr] {
  const rng = new Rng('bench-threads');
  const make = (n: number): Arr => (f32 ? Float32Array.from(rng.fillNormal(new Float64Array(n))) : rng.fillNormal(new Float64Array(n)));
  return [make(M * K), make(K * N), f32 ? new Float32Array(M * N) : new Float64Array(M * N)];
}

/** Median milliseconds per call of fn over `reps` samples. */
function ms(fn: () => void, reps: number): number {
  const s = sampler(fn, 0.05);
  return median(Array.from({ length: reps }, () => s.sample())) * 1000;
}

function breakdown(label: string, M: number, N: number, K: number, f32: boolean, reps: number): string {
  const [A, B, C] = operands(M, N, K, f32);
  const call = (): void => gemm(false, false, M, N, K, A, B, C);
  const prev = setKernelOptions({ threads: 1 });
  const one = ms(call, reps);
  setKernelOptions({ threads: 2 });
  const two = ms(call, reps);
  const before = poolStats();
  const calls = 20;
  for (let i = 0; i < calls; i++) call();
  const after = poolStats();
  const jobs = after.jobs - before.jobs;
  const own = (after.callerMs - before.callerMs) / Math.max(1, jobs);
  const wait = (after.waitMs - before.waitMs) / Math.max(1, jobs);
  const share = (after.callerChunks - before.callerChunks) / Math.max(1, after.chunks - before.chunks);
  const rt = wasmRuntime(2)!;
  const mem = rt.view(C);
  const base = rt.operandBase / (f32 ? 4 : 8);
  const copies = ms(() => {
    copyToWasm(mem, base, A, A.length);
    copyToWasm(mem, base + A.length, B, B.length);
    copyFromWasm(mem, base, C, C.length);
  }, reps);
  // a threaded call of almost no work: the fixed cost of publishing a job and waiting for it
  setKernelOptions({ threads: 2, threadMinWork: 0 });
  const [a, b, c] = operands(16, 16, 16, f32);
  const tiny2 = ms(() => gemm(false, false, 16, 16, 16, a, b, c), reps);
  setKernelOptions({ threads: 1 });
  const tiny1 = ms(() => gemm(false, false, 16, 16, 16, a, b, c), reps);
  setKernelOptions(prev);
  const pct = (x: number): string => `${((x / two) * 100).toFixed(0)} %`;
  return `${label} ${f32 ? 'float32' : 'float64'}: 1 thread ${one.toFixed(3)} ms, 2 threads ${two.toFixed(3)} ms (${(one / two).toFixed(2)}×); ` +
    `of the 2-thread call: serial copies ${copies.toFixed(3)} ms (${pct(copies)}), the caller's own chunks ${own.toFixed(3)} ms (${pct(own)}; ${(share * 100).toFixed(0)} % of the chunks, ` +
    `${((own / (one * share) - 1) * 100).toFixed(0)} % slower than the same work alone), waiting for the helper ${wait.toFixed(3)} ms; ` +
    `fixed cost of a threaded call ${((tiny2 - tiny1) * 1000).toFixed(0)} µs`;
}

/** The scaling curve from the gemm section's 1- and 2-thread columns, and the breakdowns. */
export function threadScaling(gemmSection: Section | undefined, reps: number): string[] {
  const lines: string[] = [];
  if (gemmSection !== undefined) {
    for (const [two, one, dtype] of [['laelab', 'laelab-1t', 'float64'], ['laelab-f32', 'laelab-f32-1t', 'float32']] as const) {
      const points = gemmSection.figures
        .filter((f) => f.values[two] && f.values[one])
        .map((f) => `${f.name.replace(/^gemm /, '').replace(/ \(.*\)$/, '')} ${(f.values[two]! / f.values[one]!).toFixed(2)}×`);
      if (points.length > 0) lines.push(`thread scaling, ${dtype} gemm (2 threads ÷ 1 thread, this run): ${points.join(', ')}`);
    }
  }
  if (wasmRuntime(2) === null) return lines;
  for (const f32 of [false, true]) {
    lines.push(breakdown('gemm 1024×1024×1024', 1024, 1024, 1024, f32, reps));
    lines.push(breakdown('gemm 512×512×512', 512, 512, 512, f32, reps));
    lines.push(breakdown('MNIST fwd X·W 64×784·784×256', 64, 256, 784, f32, reps));
  }
  return lines;
}
