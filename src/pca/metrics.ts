/**
 * How close an estimate is to the exact principal directions: principal angles between subspaces
 * (Björck & Golub 1973, with the sine/cosine split of Knyazev & Argentati 2002 so that small
 * angles keep full relative accuracy), per-component sign-invariant errors and eigenvalue
 * relative errors.
 */
import { qr, svd } from '../linalg/index.js';
import { matmul, type Tensor } from '../tensor/index.js';

/** Orthonormal basis (m × k) of the column span of an m × k matrix with k ≤ m. */
export function orthonormalBasis(A: Tensor): Tensor {
  if (A.rank !== 2 || A.cols > A.rows) throw new Error(`orthonormalBasis: need an m × k matrix with k ≤ m, got [${A.shape.join(', ')}]`);
  return qr(A).Q;
}

/** Principal angles between two column spans, ascending, with their sines and cosines. */
export interface PrincipalAngles {
  /** θ1 ≤ … ≤ θp in radians, p = min(ka, kb). */
  angles: Float64Array;
  /** sin θi, ascending, from the SVD of (I − QaQaᵀ)Qb (accurate for small angles). */
  sines: Float64Array;
  /** cos θi, descending, from the SVD of QaᵀQb (accurate for large angles). */
  cosines: Float64Array;
}

function checkPair(fn: string, A: Tensor, B: Tensor): void {
  if (A.rank !== 2 || B.rank !== 2) throw new Error(`${fn}: A and B must be matrices, got [${A.shape.join(', ')}] and [${B.shape.join(', ')}]`);
  if (A.rows !== B.rows) throw new Error(`${fn}: A [${A.shape.join(', ')}] and B [${B.shape.join(', ')}] must have the same number of rows`);
}

/**
 * Principal angles between span(A) and span(B) (A: m × ka, B: m × kb; the columns need not be
 * orthonormal but must be independent). With Qa, Qb orthonormal bases and kb ≤ ka (else the
 * roles swap): cos θ are the singular values of QaᵀQb, sin θ those of Qb − Qa(QaᵀQb). Each angle
 * is taken from its sine below π/4 and from its cosine above.
 */
export function principalAngles(A: Tensor, B: Tensor): PrincipalAngles {
  checkPair('principalAngles', A, B);
  const [big, small] = A.cols >= B.cols ? [A, B] : [B, A];
  const Qa = orthonormalBasis(big);
  const Qb = orthonormalBasis(small);
  const overlap = matmul(Qa, Qb, { transposeA: true }); // ka × kb
  const cosines = svd(overlap).S.map((c) => Math.min(1, c));
  const residual = Qb.sub(matmul(Qa, overlap)); // m × kb
  const sines = svd(residual).S.map((s) => Math.min(1, s)).reverse();
  const p = small.cols;
  const angles = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const s = sines[i]!;
    angles[i] = s * s < 0.5 ? Math.asin(s) : Math.acos(cosines[i]!);
  }
  return { angles, sines, cosines };
}

/**
 * sin of the largest principal angle between span(A) and span(B): the largest singular value of
 * (I − QaQaᵀ)Qb. 0 when the spans coincide, 1 when some direction of the smaller span is
 * orthogonal to the larger one.
 */
export function maxPrincipalAngleSine(A: Tensor, B: Tensor): number {
  checkPair('maxPrincipalAngleSine', A, B);
  const [big, small] = A.cols >= B.cols ? [A, B] : [B, A];
  const Qa = orthonormalBasis(big);
  const Qb = orthonormalBasis(small);
  const residual = Qb.sub(matmul(Qa, matmul(Qa, Qb, { transposeA: true })));
  return Math.min(1, svd(residual).S[0] ?? 0);
}

/** Column j of a matrix, scaled to unit length. */
function unitColumn(A: Tensor, j: number): Float64Array {
  const m = A.rows;
  const c = A.cols;
  const out = new Float64Array(m);
  let n2 = 0;
  for (let i = 0; i < m; i++) {
    const v = A.data[i * c + j]!;
    out[i] = v;
    n2 += v * v;
  }
  if (!(n2 > 0)) throw new Error(`componentErrors: column ${j} is zero`);
  const inv = 1 / Math.sqrt(n2);
  for (let i = 0; i < m; i++) out[i] *= inv;
  return out;
}

/**
 * Sign-invariant error of each estimated direction against the exact one, column by column
 * (both normalized): min(‖u_j − û_j‖, ‖u_j + û_j‖) = 2 sin(θ_j / 2), θ_j the angle between the
 * lines. Compares the first p = min(cols) columns; this is the companion benchmark's metric
 * (it sums these).
 */
export function componentErrors(U: Tensor, Uref: Tensor): Float64Array {
  checkPair('componentErrors', U, Uref);
  const p = Math.min(U.cols, Uref.cols);
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const u = unitColumn(U, j);
    const r = unitColumn(Uref, j);
    let minus = 0;
    let plus = 0;
    for (let i = 0; i < u.length; i++) {
      minus += (u[i]! - r[i]!) ** 2;
      plus += (u[i]! + r[i]!) ** 2;
    }
    out[j] = Math.sqrt(Math.min(minus, plus));
  }
  return out;
}

/** |est_i − ref_i| / |ref_i| for the first min(lengths) values. */
export function eigenvalueRelativeErrors(estimate: ArrayLike<number>, reference: ArrayLike<number>): Float64Array {
  const p = Math.min(estimate.length, reference.length);
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) out[i] = Math.abs(estimate[i]! - reference[i]!) / Math.abs(reference[i]!);
  return out;
}

/** Largest entry of a list (0 for an empty list). */
export function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}
