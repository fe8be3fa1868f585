/** Per-iteration bookkeeping: compute time with the error measurement left out, and the errors. */
import type { Tensor } from '../tensor/index.js';
import { componentErrors, eigenvalueRelativeErrors, maxOf, maxPrincipalAngleSine } from './metrics.js';
import type { PcaHistory, PcaReference } from './types.js';
import { firstColumns } from './util.js';

/** The current estimate of a method: k directions (m × k) and their eigenvalues. */
export interface Estimate {
  components: Tensor;
  eigenvalues: ArrayLike<number>;
}

/** An empty history. */
export function emptyHistory(): PcaHistory {
  return { iteration: [], seconds: [], convergence: [], subspaceError: [], directionError: [], eigenvalueError: [] };
}

/** Finite stand-in for an error that blew up (JSON cannot hold Infinity). */
const HUGE = 1e300;
const finite = (x: number): number => (Number.isFinite(x) ? x : HUGE);

export class Tracker {
  readonly history = emptyHistory();
  private computeMs = 0;
  private last = performance.now();
  private readonly reference: { components: Tensor; eigenvalues?: ArrayLike<number> } | undefined;

  constructor(
    k: number,
    reference: PcaReference | undefined,
    private readonly every = 1,
    private readonly onIteration?: (iteration: number) => void,
  ) {
    this.reference = reference ? { components: firstColumns(reference.components, k), eigenvalues: reference.eigenvalues } : undefined;
  }

  /** Restarts the clock (call right before the algorithm starts), counting `offsetSeconds` already spent (e.g. forming C). */
  start(offsetSeconds = 0): void {
    this.computeMs = offsetSeconds * 1000;
    this.last = performance.now();
  }

  /** Compute seconds so far. */
  seconds(): number {
    return (this.computeMs + (performance.now() - this.last)) / 1000;
  }

  /**
   * Ends iteration `iteration` (0 = the starting point): stops the clock, records the history
   * when due (or `force`), and restarts the clock, so measuring never counts as compute time.
   */
  step(iteration: number, convergence: number, estimate: () => Estimate, force = false): void {
    const now = performance.now();
    this.computeMs += now - this.last;
    if (force || iteration % this.every === 0) this.record(iteration, convergence, estimate);
    this.onIteration?.(iteration);
    this.last = performance.now();
  }

  private record(iteration: number, convergence: number, estimate: () => Estimate): void {
    const h = this.history;
    if (h.iteration.length > 0 && h.iteration[h.iteration.length - 1] === iteration) return;
    h.iteration.push(iteration);
    h.seconds.push(this.computeMs / 1000);
    h.convergence.push(finite(convergence));
    const ref = this.reference;
    if (!ref) return;
    const est = estimate();
    h.subspaceError.push(finite(maxPrincipalAngleSine(est.components, ref.components)));
    h.directionError.push(finite(maxOf(componentErrors(est.components, ref.components))));
    if (ref.eigenvalues) h.eigenvalueError.push(finite(maxOf(eigenvalueRelativeErrors(est.eigenvalues, ref.eigenvalues))));
  }
}

/**
 * At most about `maxPoints` records of a history (the first, the last, and log-spaced iterations in
 * between), for plotting and JSON.
 */
export function thinHistory(h: PcaHistory, maxPoints = 400): PcaHistory {
  const n = h.iteration.length;
  if (n <= maxPoints) return h;
  const keep = new Set<number>([0, n - 1]);
  const last = h.iteration[n - 1]!;
  const first = Math.max(1, h.iteration[1] ?? 1);
  const targets = Array.from({ length: maxPoints }, (_, i) => first * Math.pow(last / first, i / (maxPoints - 1)));
  let j = 0;
  for (const t of targets) {
    while (j < n - 1 && h.iteration[j]! < t) j++;
    keep.add(j);
  }
  const idx = [...keep].sort((a, b) => a - b);
  const pick = (a: number[]): number[] => (a.length === n ? idx.map((i) => a[i]!) : a);
  return {
    iteration: pick(h.iteration),
    seconds: pick(h.seconds),
    convergence: pick(h.convergence),
    subspaceError: pick(h.subspaceError),
    directionError: pick(h.directionError),
    eigenvalueError: pick(h.eigenvalueError),
  };
}
