/**
 * General square solves by LU with partial pivoting (Golub & Van Loan, Alg. 3.4.1) on the
 * power-of-two equilibrated matrix M = R A C (as LAPACK dgeequ/dgesvx), guarded by a 1-norm
 * condition estimate of M (Hager 1984; Higham 1988, as in LAPACK dgecon).
 */
import { Tensor } from '../tensor/tensor.js';
import { assertFinite, assertMatrix, assertSquare, shapeString } from './internal.js';

/**
 * X with A X = B for A (n×n) nonsingular and B (n×p). Throws if A is singular to working precision:
 * a zero row, column or pivot, or an estimated reciprocal condition number of the equilibrated A below eps.
 */
export function solve(A: Tensor, B: Tensor): Tensor {
  assertSquare('solve', 'A', A);
  assertMatrix('solve', 'B', B);
  if (B.rows !== A.rows) throw new Error(`solve: B must have ${A.rows} rows to match A ${shapeString(A)}, got ${shapeString(B)}`);
  assertFinite('solve', 'B', B);
  const X = Float64Array.from(B.data);
  factor('solve', A).solveInPlace(X, B.cols);
  return new Tensor(X, [A.rows, B.cols]);
}

/** A⁻¹ for a nonsingular square A (intended for small k×k matrices). Throws on singular A, as `solve`. */
export function inverse(A: Tensor): Tensor {
  assertSquare('inverse', 'A', A);
  const n = A.rows;
  const lu = factor('inverse', A);
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) X[i * n + i] = 1;
  lu.solveInPlace(X, n);
  return new Tensor(X, [n, n]);
}

/**
 * Matrices whose equilibrated reciprocal condition number (1-norm) is below this are treated as
 * singular: their solutions would carry no correct digits.
 */
const RCOND_MIN = Number.EPSILON;

/**
 * LU factors of M = R A C with R = diag(rowScale), C = diag(colScale): P M = L U stored compactly
 * (unit-lower L below the diagonal of `lu`, U on and above); row i of P M is row perm[i] of M.
 */
class LU {
  constructor(
    readonly n: number,
    readonly lu: Float64Array,
    readonly perm: Int32Array,
    readonly rowScale: Float64Array,
    readonly colScale: Float64Array,
  ) {}

  /** Overwrites the n×p row-major X (holding B) with A⁻¹ B = C M⁻¹ R B. */
  solveInPlace(X: Float64Array, p: number): void {
    for (let i = 0; i < this.n; i++) for (let j = 0; j < p; j++) X[i * p + j] *= this.rowScale[i];
    this.solveM(X, p);
    for (let i = 0; i < this.n; i++) for (let j = 0; j < p; j++) X[i * p + j] *= this.colScale[i];
  }

  /** X ← M⁻¹ X for the n×p row-major X: permute, then L Y = P X (unit lower), U X = Y. */
  private solveM(X: Float64Array, p: number): void {
    const { n, lu, perm } = this;
    const B = Float64Array.from(X);
    for (let i = 0; i < n; i++) X.set(B.subarray(perm[i] * p, perm[i] * p + p), i * p);
    for (let i = 0; i < n; i++) {
      const xo = i * p;
      for (let k = 0; k < i; k++) {
        const l = lu[i * n + k];
        if (l === 0) continue;
        const xk = k * p;
        for (let j = 0; j < p; j++) X[xo + j] -= l * X[xk + j];
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      const xo = i * p;
      for (let k = i + 1; k < n; k++) {
        const u = lu[i * n + k];
        if (u === 0) continue;
        const xk = k * p;
        for (let j = 0; j < p; j++) X[xo + j] -= u * X[xk + j];
      }
      const inv = 1 / lu[i * n + i];
      for (let j = 0; j < p; j++) X[xo + j] *= inv;
    }
  }

  /** x ← M⁻ᵀ x for a vector x, using Mᵀ = Uᵀ Lᵀ P. */
  private solveMTranspose(x: Float64Array): void {
    const { n, lu, perm } = this;
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let k = 0; k < i; k++) s -= lu[k * n + i] * x[k];
      x[i] = s / lu[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k < n; k++) s -= lu[k * n + i] * x[k];
      x[i] = s;
    }
    const y = Float64Array.from(x);
    for (let i = 0; i < n; i++) x[perm[i]] = y[i];
  }

  /** Lower bound on ‖M⁻¹‖₁, almost always within a small factor: Hager's method plus Higham's extra test vector. */
  inverseNormEstimate(): number {
    const n = this.n;
    const x = new Float64Array(n).fill(1 / n);
    const y = new Float64Array(n);
    const z = new Float64Array(n);
    let estimate = 0;
    for (let iter = 0; iter < 5; iter++) {
      y.set(x);
      this.solveM(y, 1); // y = M⁻¹ x
      estimate = 0;
      for (let i = 0; i < n; i++) {
        estimate += Math.abs(y[i]);
        z[i] = y[i] >= 0 ? 1 : -1;
      }
      this.solveMTranspose(z); // z = M⁻ᵀ sign(y), a subgradient of ‖M⁻¹ x‖₁
      let jMax = 0;
      let ztx = 0;
      for (let j = 0; j < n; j++) {
        if (Math.abs(z[j]) > Math.abs(z[jMax])) jMax = j;
        ztx += z[j] * x[j];
      }
      if (Math.abs(z[jMax]) <= ztx) break; // local maximum over the unit 1-ball
      x.fill(0);
      x[jMax] = 1;
    }
    for (let i = 0; i < n; i++) y[i] = (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0));
    this.solveM(y, 1);
    let alt = 0;
    for (let i = 0; i < n; i++) alt += Math.abs(y[i]);
    return Math.max(estimate, (2 * alt) / (3 * n));
  }
}

/** Power of two p with p·x ∈ [1, 2) for x > 0 (exponent capped to stay finite): scaling by it is exact. */
function inversePow2(x: number): number {
  return 2 ** Math.min(1023, -Math.floor(Math.log2(x)));
}

/** Equilibrates and factors A; throws (under the caller's name `fn`) if A is singular to working precision. */
function factor(fn: string, A: Tensor): LU {
  assertFinite(fn, 'A', A);
  const n = A.rows;
  const a = Float64Array.from(A.data);
  const singular = (detail: string): Error => new Error(`${fn}: A ${shapeString(A)} is singular ${detail}`);

  const rowScale = new Float64Array(n);
  const colScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(a[i * n + j]));
    if (m === 0) throw singular(`(row ${i} is zero)`);
    rowScale[i] = inversePow2(m);
    for (let j = 0; j < n; j++) a[i * n + j] *= rowScale[i];
  }
  for (let j = 0; j < n; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i * n + j]));
    if (m === 0) throw singular(`(column ${j} is zero)`);
    colScale[j] = inversePow2(m);
  }
  let norm1 = 0; // ‖M‖₁ = max column sum of M = R A C
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] *= colScale[j];
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]);
    norm1 = Math.max(norm1, s);
  }

  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < n; k++) {
    let piv = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (best === 0) throw singular(`(zero pivot in column ${k})`);
    const ko = k * n;
    if (piv !== k) {
      const po = piv * n;
      for (let j = 0; j < n; j++) {
        const t = a[ko + j];
        a[ko + j] = a[po + j];
        a[po + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[piv];
      perm[piv] = t;
    }
    const pivot = a[ko + k];
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const l = a[io + k] / pivot;
      a[io + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[io + j] -= l * a[ko + j];
    }
  }

  const lu = new LU(n, a, perm, rowScale, colScale);
  const rcond = n === 0 ? 1 : 1 / (norm1 * lu.inverseNormEstimate());
  if (!(rcond >= RCOND_MIN)) throw singular(`to working precision (reciprocal condition estimate ${rcond.toExponential(2)})`);
  return lu;
}
