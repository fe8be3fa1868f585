/** Closed-form eigen-decomposition of symmetric 2 × 2 matrices (scalar theory, also bundled for the explorer). */

export type Vec2 = [number, number];
/** Symmetric 2 × 2 matrix [[a, b], [b, d]] as rows. */
export type Mat2 = [Vec2, Vec2];

/** Eigenvalues (descending) of a symmetric 2 × 2 matrix, in closed form. */
export function eigenSym2(m: Mat2): Vec2 {
  const a = m[0][0];
  const b = 0.5 * (m[0][1] + m[1][0]);
  const d = m[1][1];
  const mean = 0.5 * (a + d);
  const r = Math.hypot(0.5 * (a - d), b);
  return [mean + r, mean - r];
}

/** Unit eigenvector of a symmetric 2 × 2 matrix for eigenvalue `value`. */
export function eigenvector2(m: Mat2, value: number): Vec2 {
  const [a, b] = [m[0][0] - value, m[0][1]];
  const [c, d] = [m[1][0], m[1][1] - value];
  const v: Vec2 = Math.hypot(a, b) >= Math.hypot(c, d) ? [-b, a] : [-d, c];
  const n = Math.hypot(v[0], v[1]);
  return n === 0 ? [1, 0] : [v[0] / n, v[1] / n];
}
