/**
 * Dense float64 linear algebra on 2-D Tensors (row-major). Inputs are never mutated; every function
 * returns fresh Tensors / arrays and throws an Error naming the function and shape on bad input.
 */

/** Thin Householder QR, A = Q R (m ≥ n); `{ positiveDiagonal: true }` gives diag(R) ≥ 0. */
export { qr, type QRResult, type QROptions } from './qr.js';
/** Symmetric eigendecomposition (tred2 + tql2): values descending, eigenvectors as columns. */
export { symmetricEigen, type SymmetricEigenResult } from './eigen.js';
/** Eigenvalues of a general real square matrix (balancing, Hessenberg + Francis double-shift QR), descending real part; conjugate pairs in (re, im). */
export { eigenvalues, type EigenvaluesResult } from './eigenvalues.js';
/** Thin SVD A = U diag(S) Vᵀ (QR + one-sided Jacobi), S descending, U and V always orthonormal. */
export { svd, type SVDResult } from './svd.js';
/** Cholesky factor A = L Lᵀ and SPD solve A X = B; throw when A is not positive definite. */
export { cholesky, solveSPD } from './cholesky.js';
/** General solve A X = B and inverse by equilibrated LU with partial pivoting; throw on (numerically) singular A. */
export { solve, inverse } from './lu.js';
/** Haar-random orthogonal matrices from any `NormalSource`. */
export { haarOrthogonal, type NormalSource } from './haar.js';
/** V f(Λ) Vᵀ for symmetric matrices, and ‖QᵀQ − I‖_F. */
export { symmetricMatrixFunction, orthonormalityError } from './matfun.js';
