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
export const COLUMNS = ['laelab', 'laelab-1t', 'laelab-js', 'tfjs-cpu', 'tfjs-wasm', 'torch-f64', 'torch-f64-1t', 'torch-f32', 'numpy', 'numpy-1t', 'scipy', 'ml-pca'] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<Column, string> = {
  laelab: 'laelab',
  'laelab-1t': 'laelab 1 thread',
  'laelab-js': 'laelab TS only',
  'tfjs-cpu': 'tfjs cpu',
  'tfjs-wasm': 'tfjs wasm',
  'torch-f64': 'PyTorch f64',
  'torch-f64-1t': 'PyTorch f64 1 thread',
  'torch-f32': 'PyTorch f32',
  numpy: 'NumPy',
  'numpy-1t': 'NumPy 1 thread',
  scipy: 'SciPy',
  'ml-pca': 'ml-pca',
};

/** laelab's speed over a peer's: > 1 means laelab is faster, whatever the unit. */
export function speedRatio(f: Figure, peer: string): number | null {
  const a = f.values['laelab'];
  const b = f.values[peer];
  if (a === null || a === undefined || b === null || b === undefined || a <= 0 || b <= 0) return null;
  return f.higherIsBetter ? a / b : b / a;
}
