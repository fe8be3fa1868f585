/** Timing helpers for the benchmarks: warm-up, repetitions, median. */
import os from 'node:os';

export interface Timing {
  /** Median seconds per call. */
  median: number;
  /** All measured seconds per call. */
  samples: number[];
}

/**
 * Times `fn`: one warm-up call, then `reps` samples, each sample running `fn` enough times to
 * last at least `minSeconds` (so short calls are not lost in timer resolution). Calls that take
 * longer than `slowSeconds` on their own are sampled at most `slowReps` times (the pure-JavaScript
 * peers at n = 1024 take seconds per call).
 */
export function time(fn: () => void, reps = 5, minSeconds = 0.05, slowSeconds = 2, slowReps = 3): Timing {
  const s = sampler(fn, minSeconds);
  const n = s.first > slowSeconds ? Math.min(reps, slowReps) : reps;
  const samples = Array.from({ length: n }, () => s.sample());
  return { median: median(samples), samples };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The 1-minute load average (0 where the platform has none). */
export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}

/**
 * A calibrated sampler for interleaved timing: `fn` is run once (warm-up) and the number of calls
 * per sample is chosen so that a sample lasts at least `minSeconds`; each call of the returned
 * function takes one sample (seconds per call of `fn`). Calls slower than `slowSeconds` get no
 * further warm-up.
 */
export function sampler(fn: () => void, minSeconds = 0.05): { sample: () => number; first: number } {
  const w0 = performance.now();
  fn();
  const first = (performance.now() - w0) / 1000;
  let inner = 1;
  if (first < minSeconds) {
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < inner; i++) fn();
      if ((performance.now() - t0) / 1000 >= minSeconds || inner >= 1 << 20) break;
      inner *= 2;
    }
  }
  return {
    first,
    sample: () => {
      const t0 = performance.now();
      for (let i = 0; i < inner; i++) fn();
      return (performance.now() - t0) / 1000 / inner;
    },
  };
}
