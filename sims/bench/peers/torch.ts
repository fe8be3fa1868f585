/**
 * PyTorch peer (CPU) through a Python subprocess running ./torch_bench.py. The interpreter is the
 * first of `python3` (PATH) and `/usr/bin/python3` (Debian's, which the `python3-torch` package
 * serves when the PATH's python3 is another build) in which `import torch` works; absent torch,
 * the peer is skipped with one note. Results come back per dtype and thread setting; the columns
 * are each setting and PyTorch's best thread setting per dtype.
 */
import { spawnSync } from 'node:child_process';
import { runPythonScript } from './python.js';

export interface TorchPeer {
  /** Interpreter in which torch imports. */
  python: string;
  version: string;
  /** The BLAS library torch's process maps after a product (Debian: chosen by update-alternatives). */
  blas: string;
}

/** Debian's default libblas.so.3 is the unoptimised reference BLAS (≈ 4 GFLOP/s float64 here, against ≈ 50 with OpenBLAS). */
export const REFERENCE_BLAS = /\/blas\/libblas\.so/;

const PROBE = `import torch
(torch.ones(64, 64, dtype=torch.float64) @ torch.ones(64, 64, dtype=torch.float64)).sum()
print(torch.__version__)
print(next((l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower()), 'unknown'))`;

export const TORCH_CANDIDATES: readonly string[] = ['python3', '/usr/bin/python3'];
export const TORCH_INSTALL_HINT = 'install the Debian packages python3-torch and libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread); torch is used through /usr/bin/python3';
export const TORCH_THREADS: readonly number[] = [1, 2];
export const TORCH_DTYPES = ['float64', 'float32'] as const;
export type TorchDtype = (typeof TORCH_DTYPES)[number];

/** The first candidate interpreter that imports torch, or why none does. */
export function probeTorch(candidates: readonly string[] = TORCH_CANDIDATES): TorchPeer | { skipped: string } {
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: 120_000 });
    if (!r.error && r.status === 0) {
      const [version = '?', blas = 'unknown'] = r.stdout.trim().split('\n');
      return { python, version, blas };
    }
    tried.push(r.error ? `${python}: not runnable` : `${python}: no torch`);
  }
  return { skipped: `PyTorch not found (${tried.join(', ')}); ${TORCH_INSTALL_HINT}` };
}

export interface TorchJob {
  reps: number;
  minSeconds: number;
  gemm?: { M: number; N: number; K: number; ta: boolean; tb: boolean }[];
  mlp?: { batch: number; optimizer: 'sgd' | 'adam'; layers: number[] }[];
  lenet?: { batch: number }[];
}

export interface TorchResult {
  kind: 'gemm' | 'mlp' | 'lenet';
  index: number;
  dtype: TorchDtype;
  threads: number;
  /** Seconds per call (one product, or one training step of one batch). */
  median: number;
  samples: number[];
}

/** Runs `job` at every dtype and thread setting. */
export function runTorch(peer: TorchPeer, job: TorchJob, threads: readonly number[] = TORCH_THREADS): TorchResult[] {
  const out = runPythonScript<{ results: TorchResult[] }>('torch_bench.py', { ...job, threads, dtypes: TORCH_DTYPES }, 1_800_000, {}, peer.python);
  return out.results;
}

/** The bench column of one result's setting: torch-f64-1t, torch-f32-2t, … */
export function torchColumn(r: TorchResult): string {
  return `torch-${r.dtype === 'float64' ? 'f64' : 'f32'}-${r.threads}t`;
}

/** Adds `torch-f64` and `torch-f32`: the best thread setting's value (higher is better) per dtype. */
export function addBestThreads(values: Record<string, number | null>): void {
  for (const d of ['f64', 'f32']) {
    const settings = Object.entries(values).filter(([k, v]) => k.startsWith(`torch-${d}-`) && v !== null).map(([, v]) => v!);
    if (settings.length > 0) values[`torch-${d}`] = Math.max(...settings);
  }
}
