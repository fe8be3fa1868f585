/**
 * Batch normalisation loops over x viewed as [N, C, P] (P positions per channel, 1 for N × C):
 * statistics per channel over the N·P values, normalisation, and the backward pass.
 */
import type { FloatArray } from './dtype.js';

/** mean[c], variance[c] (biased) over n and p. */
export function channelStats(x: FloatArray, N: number, C: number, P: number, mean: FloatArray, variance: FloatArray): void {
  const M = N * P;
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let n = 0; n < N; n++) {
      const b = (n * C + c) * P;
      for (let p = 0; p < P; p++) s += x[b + p]!;
    }
    const m = s / M;
    let q = 0;
    for (let n = 0; n < N; n++) {
      const b = (n * C + c) * P;
      for (let p = 0; p < P; p++) {
        const d = x[b + p]! - m;
        q += d * d;
      }
    }
    mean[c] = m;
    variance[c] = q / M;
  }
}

/** xhat = (x − mean[c])·invStd[c]; y = gamma[c]·xhat + beta[c]. */
export function normalize(x: FloatArray, N: number, C: number, P: number, mean: FloatArray, invStd: FloatArray, gamma: FloatArray, beta: FloatArray, xhat: FloatArray, y: FloatArray): void {
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const b = (n * C + c) * P;
      const [m, k, g, bt] = [mean[c]!, invStd[c]!, gamma[c]!, beta[c]!];
      for (let p = 0; p < P; p++) {
        const h = (x[b + p]! - m) * k;
        xhat[b + p] = h;
        y[b + p] = g * h + bt;
      }
    }
  }
}

/**
 * Backward of y = γ·xhat + β: dγ[c] = Σ g·xhat, dβ[c] = Σ g, and, when gx is given,
 * gx = γ·invStd·(g − mean(g) − xhat·mean(g·xhat)) through the batch statistics (training), or
 * gx = γ·invStd·g with constant statistics (evaluation).
 */
export function normalizeBackward(
  g: FloatArray, xhat: FloatArray, N: number, C: number, P: number, invStd: FloatArray, gamma: FloatArray,
  dGamma: FloatArray, dBeta: FloatArray, gx: FloatArray | null, throughStats: boolean,
): void {
  const M = N * P;
  for (let c = 0; c < C; c++) {
    let sg = 0;
    let sgh = 0;
    for (let n = 0; n < N; n++) {
      const b = (n * C + c) * P;
      for (let p = 0; p < P; p++) {
        sg += g[b + p]!;
        sgh += g[b + p]! * xhat[b + p]!;
      }
    }
    dGamma[c] = sgh;
    dBeta[c] = sg;
    if (gx === null) continue;
    const k = gamma[c]! * invStd[c]!;
    const [mg, mgh] = throughStats ? [sg / M, sgh / M] : [0, 0];
    for (let n = 0; n < N; n++) {
      const b = (n * C + c) * P;
      for (let p = 0; p < P; p++) gx[b + p] += k * (g[b + p]! - mg - xhat[b + p]! * mgh);
    }
  }
}
