import seedrandom from 'seedrandom';

/**
 * The one seeded random generator of laelab. Every random draw in src/ and sims/ comes from an
 * instance of this class, passed explicitly; the same seed gives the same sequence on every machine.
 * Backed by seedrandom's xor4096 generator (long period, fast), 53-bit doubles.
 */
export class Rng {
  readonly seed: string;
  private readonly prng: seedrandom.PRNG;
  /** Second Box–Muller variate, kept for the next normal() call. */
  private spare: number | null = null;

  constructor(seed: number | string) {
    if (typeof seed === 'number' && !Number.isFinite(seed)) throw new Error(`Rng: seed must be finite, got ${seed}`);
    this.seed = String(seed);
    this.prng = seedrandom.xor4096(this.seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.prng.double();
  }

  /** Uniform in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng.double();
  }

  /** Normal N(mean, std²) by the Box–Muller transform. */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.prng.double();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.prng.double();
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.prng.double() * n);
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    this.shuffle(p);
    return p;
  }

  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Fills `out` with N(mean, std²) draws and returns it. */
  fillNormal<T extends Float64Array | Float32Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Fills `out` with uniform draws in [lo, hi) and returns it. */
  fillUniform<T extends Float64Array | Float32Array>(out: T, lo = 0, hi = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.prng.double();
    return out;
  }

  /**
   * An independent generator derived from this one's seed and a label, so that sub-tasks
   * (one per rule, per layer, ...) get their own stream whatever order they run in.
   */
  fork(label: string | number): Rng {
    return new Rng(`${this.seed}/${label}`);
  }
}
