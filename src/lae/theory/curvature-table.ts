import type { Rng } from '../../random/rng.js';
import { matmul, type Tensor } from '../../tensor/index.js';
import { laeGradient } from '../gradient.js';
import type { LossKind } from '../losses.js';
import { criticalPoints } from './critical-points.js';
import { correctedCurvature, curvatureDiscrepancy, measureCurvature, paperCurvature, sameCounts, type CurvatureCounts } from './curvature.js';
import { spectralData } from './spectral.js';

/** One critical manifold: its loss value, gradient norm, and the three sets of index counts. */
export interface CurvatureRow {
  loss: LossKind;
  lambda: number;
  /** 1-based index set I. */
  indexSet: number[];
  lossValue: number;
  /** ‖∇L‖_F at the constructed point (0 up to rounding if it is critical). */
  gradNorm: number;
  /** Theorem 4.4 as printed. */
  predicted: CurvatureCounts;
  /** The corrected statement (correctedCurvature). */
  corrected: CurvatureCounts;
  /** Sign counts of the measured Hessian. */
  measured: CurvatureCounts;
  /** Smallest |eigenvalue| counted as non-flat, and largest counted as flat (the gap). */
  smallestCurved: number;
  largestFlat: number;
  /** Why the printed counts differ here, when they do. */
  explanation?: string;
}

/**
 * The curvature table of a data set: every critical manifold of every (loss, λ) with |I| ≤ k,
 * built from Theorem 4.2 on a random frame, its gradient checked and its Hessian measured.
 * The unregularized loss does not depend on λ and is listed once with λ = 0.
 */
export function curvatureTable(X: Tensor, k: number, losses: readonly LossKind[], lambdas: readonly number[], rng: Rng, onRow?: () => void): CurvatureRow[] {
  const data = spectralData(X);
  const C = matmul(X, X, { transposeB: true });
  const rows: CurvatureRow[] = [];
  for (const loss of losses) {
    for (const lambda of loss === 'unregularized' ? [0] : lambdas) {
      for (const cp of criticalPoints(data, loss, lambda, k, rng)) {
        const { dW1, dW2 } = laeGradient(C, cp.W1, cp.W2, loss, lambda);
        const measured = measureCurvature(C, cp.W1, cp.W2, loss, lambda);
        const abs = Array.from(measured.eigenvalues, Math.abs);
        const explanation = curvatureDiscrepancy(data.sigma, k, cp.indexSet, loss, lambda);
        rows.push({
          loss,
          lambda,
          indexSet: cp.indexSet,
          lossValue: cp.lossValue,
          gradNorm: Math.sqrt(dW1.sumSquares().item() + dW2.sumSquares().item()),
          predicted: paperCurvature(data.sigma.length, k, cp.indexSet, loss),
          corrected: correctedCurvature(data.sigma, k, cp.indexSet, loss, lambda),
          measured: measured.counts,
          smallestCurved: Math.min(...abs.filter((a) => a > measured.flatTolerance)),
          largestFlat: Math.max(0, ...abs.filter((a) => a <= measured.flatTolerance)),
          ...(explanation === undefined ? {} : { explanation }),
        });
        onRow?.();
      }
    }
  }
  return rows;
}

/** Summary counts of a table: how often the measurement matches the printed and the corrected theorem. */
export function curvatureAgreement(rows: readonly CurvatureRow[]): { rows: number; matchPrinted: number; matchCorrected: number } {
  return {
    rows: rows.length,
    matchPrinted: rows.filter((r) => sameCounts(r.measured, r.predicted)).length,
    matchCorrected: rows.filter((r) => sameCounts(r.measured, r.corrected)).length,
  };
}
