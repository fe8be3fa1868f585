import { symmetricEigen } from '../../linalg/index.js';
import type { Tensor } from '../../tensor/index.js';
import type { LossKind } from '../losses.js';
import { activeDirections } from './critical-points.js';
import { laeHessian } from './hessian.js';

/** Numbers of descending (negative), flat (zero) and ascending (positive) Hessian eigen-directions. */
export interface CurvatureCounts {
  descending: number;
  flat: number;
  ascending: number;
}

/** d_I = Σ_j (i_j − j): the pairs i ∈ I, j ∉ I with j < i (Theorem 4.1, eq. 4). */
export function grassmannianIndex(indexSet: readonly number[]): number {
  return indexSet.reduce((d, i, j) => d + (i - (j + 1)), 0);
}

/**
 * The Curvature Theorem 4.4 as printed: d_I + (k − ℓ)(m − ℓ) descending directions; kℓ flat for
 * L and Lπ, kℓ − C(ℓ+1, 2) flat for Lσ; the rest of the 2km ascending.
 */
export function paperCurvature(m: number, k: number, indexSet: readonly number[], loss: LossKind): CurvatureCounts {
  const l = indexSet.length;
  const descending = grassmannianIndex(indexSet) + (k - l) * (m - l);
  const flat = loss === 'sum' ? k * l - (l * (l + 1)) / 2 : k * l;
  return { descending, flat, ascending: 2 * k * m - descending - flat };
}

/**
 * The counts the Hessian actually has (derived in docs/lae.md §"Curvature",
 * from the second-order expansion at the critical points of Theorem 4.2 in principal coordinates):
 * - L, Lπ: descending d_I + (k − ℓ)(m − ℓ) as printed, but flat 2kℓ − ℓ² = kℓ + ℓ(k − ℓ): W2 = U_I·H
 *   is critical for every left inverse H of G (HG = I_ℓ), not only G⁺, so for ℓ < k the critical
 *   manifold has ℓ(k − ℓ) more dimensions than F_I, taken from the ascending count.
 * - Lσ: flat kℓ − C(ℓ+1, 2) as printed, but descending d_I + (k − ℓ)(m0 − ℓ) with m0 = #{i : σi² > λ}:
 *   turning a free slot toward u_j has curvature 2(λ ± σj²), which descends only when σj² > λ.
 * Both agree with the paper when ℓ = k, and Lσ's also when λ < σm².
 */
export function correctedCurvature(sigma: Float64Array, k: number, indexSet: readonly number[], loss: LossKind, lambda: number): CurvatureCounts {
  const m = sigma.length;
  const l = indexSet.length;
  const d = grassmannianIndex(indexSet);
  const descending = loss === 'sum' ? d + (k - l) * (activeDirections(sigma, lambda) - l) : d + (k - l) * (m - l);
  const flat = loss === 'sum' ? k * l - (l * (l + 1)) / 2 : 2 * k * l - l * l;
  return { descending, flat, ascending: 2 * k * m - descending - flat };
}

/** Measured curvature: the Hessian's eigenvalues and their signs. */
export interface MeasuredCurvature {
  counts: CurvatureCounts;
  /** Hessian eigenvalues, descending. */
  eigenvalues: Float64Array;
  /** |μ| at or below this counts as flat. */
  flatTolerance: number;
}

/**
 * Counts the signs of the Hessian's eigenvalues at (W1, W2); |μ| ≤ relTol·max(1, max|μ|) is flat.
 * The exact Hessian is measured by finite differences of the exact gradient (hessian.ts).
 */
export function measureCurvature(C: Tensor, W1: Tensor, W2: Tensor, loss: LossKind, lambda: number, relTol = 1e-7): MeasuredCurvature {
  const { values } = symmetricEigen(laeHessian(C, W1, W2, loss, lambda));
  const flatTolerance = relTol * Math.max(1, Math.abs(values[0]!), Math.abs(values[values.length - 1]!));
  const counts = { descending: 0, flat: 0, ascending: 0 };
  for (const mu of values) {
    if (mu < -flatTolerance) counts.descending++;
    else if (mu > flatTolerance) counts.ascending++;
    else counts.flat++;
  }
  return { counts, eigenvalues: values, flatTolerance };
}

export function sameCounts(a: CurvatureCounts, b: CurvatureCounts): boolean {
  return a.descending === b.descending && a.flat === b.flat && a.ascending === b.ascending;
}

/** Why the printed Theorem 4.4 misses at this critical point, or undefined when it does not. */
export function curvatureDiscrepancy(sigma: Float64Array, k: number, indexSet: readonly number[], loss: LossKind, lambda: number): string | undefined {
  const m = sigma.length;
  const l = indexSet.length;
  const printed = paperCurvature(m, k, indexSet, loss);
  const actual = correctedCurvature(sigma, k, indexSet, loss, lambda);
  if (sameCounts(printed, actual)) return undefined;
  if (loss === 'sum') {
    const m0 = activeDirections(sigma, lambda);
    return `λ = ${lambda} exceeds σj² for ${m - m0} direction(s): a free slot (k − ℓ = ${k - l}) turned toward such u_j has curvature 2(λ ± σj²) > 0, so the descending count is d_I + (k − ℓ)(m0 − ℓ) with m0 = ${m0}, not (k − ℓ)(m − ℓ)`;
  }
  return `ℓ = ${l} < k = ${k}: W2 = U_I·H is critical for every left inverse H of G, not only G⁺, so the critical manifold has dimension 2kℓ − ℓ² = ${2 * k * l - l * l}, not kℓ = ${k * l}; the extra ℓ(k − ℓ) flat directions come out of the ascending count`;
}
