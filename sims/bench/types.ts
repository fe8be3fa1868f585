/** The shape of a benchmark result, shared by the sections and the report. */

/** One measured figure: laelab and its peers, same run. */
export interface Figure {
  /** Section id: gemm, mlp, lenet, fig3, pca. */
  section: string;
  /** Row label, e.g. "gemm 512×512×512". */
  name: string;
  unit: string;
  /** Whether larger values are better (GFLOP/s, samples/s) or smaller (seconds). */
  higherIsBetter: boolean;
  /** Median value per implementation (null: skipped, see notes); key = column id. */
  values: Record<string, number | null>;
  notes?: string[];
}

/** A section's figures plus notes that apply to all of them (skipped peers, precisions). */
export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  notes: string[];
}

/** Column ids, in print order; the first is laelab as users get it. */
export const COLUMNS = ['laelab', 'laelab-f32', 'laelab-1t', 'laelab-f32-1t', 'laelab-js', 'tfjs-cpu', 'tfjs-wasm', 'numpy', 'numpy-1t', 'scipy', 'ml-pca',
  'torch-f64-1t', 'torch-f64-2t', 'torch-f64', 'torch-f32-1t', 'torch-f32-2t', 'torch-f32'] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<Column, string> = {
  laelab: 'laelab',
  'laelab-f32': 'laelab float32',
  'laelab-1t': 'laelab 1 thread',
  'laelab-f32-1t': 'laelab float32 1 thread',
  'laelab-js': 'laelab TS only',
  'tfjs-cpu': 'tfjs cpu',
  'tfjs-wasm': 'tfjs wasm',
  numpy: 'NumPy',
  'numpy-1t': 'NumPy 1 thread',
  scipy: 'SciPy',
  'ml-pca': 'ml-pca',
  'torch-f64-1t': 'PyTorch f64 1 thread',
  'torch-f64-2t': 'PyTorch f64 2 threads',
  'torch-f64': 'PyTorch f64 best',
  'torch-f32-1t': 'PyTorch f32 1 thread',
  'torch-f32-2t': 'PyTorch f32 2 threads',
  'torch-f32': 'PyTorch f32 best',
};

/** The MLP figure the TensorFlow.js target refers to (the first MLP row the bench had). */
export const MLP_REFERENCE = 'MLP 784-256-256-10 training, batch 64, SGD';

/** laelab's speed over a peer's (laelab as shipped, or another laelab column): > 1 means laelab is faster, whatever the unit. */
export function speedRatio(f: Figure, peer: string, ours: Column = 'laelab'): number | null {
  const a = f.values[ours];
  const b = f.values[peer];
  if (a === null || a === undefined || b === null || b === undefined || a <= 0 || b <= 0) return null;
  return f.higherIsBetter ? a / b : b / a;
}
