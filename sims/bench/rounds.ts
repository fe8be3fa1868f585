/**
 * Interleaved rounds for the training benchmarks (as gemm's, ./gemm.ts): every round samples each
 * laelab contender of each row once, then runs the peer once (PyTorch: one subprocess, one sample
 * per dtype and thread setting), so drift of this shared machine over the minutes of a section
 * hits laelab and the peer alike instead of one of them; the median per column is reported.
 */
import { setKernelOptions, type KernelOptions } from '../../src/tensor/kernels/index.js';
import { median, sampler } from './timing.js';

/** One laelab column of a row: its training step and the kernel options it runs under. */
export interface Contender {
  column: string;
  step: () => void;
  options?: Partial<KernelOptions>;
}

/** A peer measurement of one round: seconds per step of (row, column). */
export interface PeerSample {
  row: number;
  column: string;
  seconds: number;
}

function under<T>(options: Partial<KernelOptions> | undefined, fn: () => T): T {
  if (options === undefined) return fn();
  const prev = setKernelOptions(options);
  try {
    return fn();
  } finally {
    setKernelOptions(prev);
  }
}

/**
 * Unmeasured steps before each round's samples. The first half second after the peer's subprocess
 * (or the process start) runs slow — measured with float64 LeNet-5: 485 samples/s in the first
 * 0.5 s after a PyTorch run, then 1,600–2,100 — which a round's first sample would take alone.
 */
export const SETTLE_SECONDS = 0.7;

export function settle(rows: readonly (readonly Contender[])[], seconds: number = SETTLE_SECONDS): void {
  const all = rows.flat();
  const t0 = performance.now();
  for (let k = 0; (performance.now() - t0) / 1000 < seconds; k++) {
    const c = all[k % all.length]!;
    under(c.options, c.step);
  }
}

/** Median seconds per step, per row and column, over `rounds` interleaved rounds. */
export function interleavedRounds(rows: readonly (readonly Contender[])[], rounds: number, minSeconds: number, peer?: () => PeerSample[]): Map<string, number>[] {
  const samplers = rows.map((row) => row.map((c) => ({ c, s: under(c.options, () => sampler(c.step, minSeconds)) })));
  const samples = rows.map(() => new Map<string, number[]>());
  const push = (row: number, column: string, seconds: number): void => {
    const m = samples[row]!;
    m.set(column, [...(m.get(column) ?? []), seconds]);
  };
  for (let r = 0; r < rounds; r++) {
    settle(rows, SETTLE_SECONDS);
    samplers.forEach((row, i) => row.forEach(({ c, s }) => push(i, c.column, under(c.options, () => s.sample()))));
    for (const p of peer?.() ?? []) push(p.row, p.column, p.seconds);
  }
  return samples.map((m) => new Map([...m].map(([column, xs]) => [column, median(xs)])));
}
