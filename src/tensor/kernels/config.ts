/**
 * Which implementation the kernel layer dispatches to. The plain TypeScript loops are the
 * reference and always available; WebAssembly SIMD (./wasm/) and worker threads are used for
 * products large enough to pay for copying operands into wasm memory and for waking a thread.
 *
 * Environment (read once at start-up):
 *   LAELAB_KERNELS=js      plain TypeScript only (the kill switch; also for fallback testing)
 *   LAELAB_KERNELS=wasm    WebAssembly for every gemm, whatever its size (testing)
 *   LAELAB_THREADS=n       threads taking part in one large gemm, main thread included
 *                          (default min(2, os.availableParallelism()); 1 = no worker threads)
 *   LAELAB_WASM_RELAXED=0  the baseline SIMD build even where relaxed SIMD (FMA) is available
 */
import { availableParallelism } from 'node:os';

export type KernelBackend = 'auto' | 'js' | 'wasm';

export interface KernelOptions {
  /** 'auto' (size-based dispatch, default), 'js' (reference loops only) or 'wasm' (always wasm). */
  backend: KernelBackend;
  /** Threads that share one large gemm, the calling thread included (1 = single-threaded). */
  threads: number;
  /** Smallest M·N·K sent to the wasm gemm under 'auto'. */
  wasmMinWork: number;
  /** Smallest M·N·K split across threads. */
  threadMinWork: number;
  /** Smallest element count for the wasm elementwise loops (same-shape add/sub/mul/div, ReLU, SGD and Adam updates). */
  wasmMinElements: number;
}

function envBackend(): KernelBackend {
  const v = process.env['LAELAB_KERNELS'];
  return v === 'js' || v === 'wasm' ? v : 'auto';
}

function envThreads(): number {
  const v = Number(process.env['LAELAB_THREADS']);
  if (Number.isInteger(v) && v >= 1 && v <= 64) return v;
  let cores = 1;
  try {
    cores = availableParallelism();
  } catch {
    cores = 1;
  }
  return Math.max(1, Math.min(2, cores));
}

/** Thresholds measured on the 2-core build machine (sims/bench, `npm run bench`). */
export const DEFAULT_KERNEL_OPTIONS: Readonly<KernelOptions> = Object.freeze({
  backend: 'auto',
  threads: 2,
  wasmMinWork: 256,
  threadMinWork: 144 * 144 * 144,
  wasmMinElements: 512,
});

const options: KernelOptions = {
  ...DEFAULT_KERNEL_OPTIONS,
  backend: envBackend(),
  threads: envThreads(),
};

/** The options in force (a copy). */
export function getKernelOptions(): KernelOptions {
  return { ...options };
}

/**
 * Changes kernel dispatch for the rest of the process (tests, benchmarks); returns the previous
 * options so a caller can restore them.
 */
export function setKernelOptions(change: Partial<KernelOptions>): KernelOptions {
  const previous = getKernelOptions();
  if (change.backend !== undefined) {
    if (change.backend !== 'auto' && change.backend !== 'js' && change.backend !== 'wasm') throw new RangeError(`setKernelOptions: backend must be 'auto', 'js' or 'wasm', got ${String(change.backend)}`);
    options.backend = change.backend;
  }
  if (change.threads !== undefined) {
    if (!Number.isInteger(change.threads) || change.threads < 1 || change.threads > 64) throw new RangeError(`setKernelOptions: threads must be an integer in [1, 64], got ${change.threads}`);
    options.threads = change.threads;
  }
  for (const key of ['wasmMinWork', 'threadMinWork', 'wasmMinElements'] as const) {
    const v = change[key];
    if (v === undefined) continue;
    if (!(v >= 0)) throw new RangeError(`setKernelOptions: ${key} must be ≥ 0, got ${v}`);
    options[key] = v;
  }
  return previous;
}

/** Whether an elementwise loop (or optimizer update) of n elements goes to WebAssembly. */
export function wasmElementwise(n: number): boolean {
  return n >= options.wasmMinElements && options.backend !== 'js';
}

/** Read by the hot paths without copying. */
export function kernelOptions(): Readonly<KernelOptions> {
  return options;
}
