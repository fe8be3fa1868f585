/**
 * General matrix multiply, row-major float64: C (M×N) = op(A) · op(B) (+ C when accumulate),
 * op(A) = A (stored M×K) or Aᵀ (A stored K×M), op(B) = B (stored K×N) or Bᵀ (B stored N×K).
 *
 * `gemm` dispatches: the WebAssembly SIMD kernel (./wasm-gemm.ts, ./wasm/build.mjs), split across
 * worker threads for large products, or `gemmJs`, the plain TypeScript kernel below, which is the
 * reference every fast path is tested against and the fallback wherever WebAssembly is missing.
 *
 * gemmJs: large products pack panels of op(A) into MR-row strips and panels of op(B) into
 * NR-column strips (so transposes cost nothing extra) and run a 4×4 register-tiled micro-kernel:
 * sixteen scalar accumulators that V8 keeps in registers, two panel loads of four values per k.
 * Blocking in K (KC) keeps a packed B strip in L1. Scratch panels are module-level and grown, never
 * allocated per call.
 */

import type { FloatArray } from './dtype.js';
import { kernelOptions } from './config.js';
import { gemmWasm } from './wasm-gemm.js';

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 128;
const NC = 1024;
/** Below this many multiply-adds the packing overhead is not worth it. */
const SMALL = 16 * 16 * 16;

let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * NC);

/**
 * C (M×N) = op(A)·op(B), or C += op(A)·op(B) when `accumulate`. Dispatch (./config.ts): products
 * of at least `wasmMinWork` multiply-adds with K ≥ 2 go to the WebAssembly SIMD kernel
 * (./wasm-gemm.ts), split across threads above `threadMinWork`; outer products (K = 1, where
 * copying C in and out costs as much as the work), tiny products, and everything when WebAssembly
 * is unavailable or LAELAB_KERNELS=js run `gemmJs` below, the reference the fast paths are tested
 * against.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  B: FloatArray,
  C: FloatArray,
  accumulate = false,
): void {
  const o = kernelOptions();
  if (o.backend !== 'js' && M > 0 && N > 0 && K > 0 && (o.backend === 'wasm' || (K >= 2 && M * N * K >= o.wasmMinWork))) {
    if (gemmWasm(transA, transB, M, N, K, A, B, C, accumulate)) return;
  }
  gemmJs(transA, transB, M, N, K, A, B, C, accumulate);
}

/** The plain TypeScript gemm: the reference path (same contract as `gemm`). */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  B: FloatArray,
  C: FloatArray,
  accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  if (M === 0 || N === 0 || K === 0) return;
  if (M * N * K <= SMALL || M < MR || N < NR) {
    gemmSmall(transA, transB, M, N, K, A, B, C);
    return;
  }
  const needB = KC * Math.min(NC, roundUp(N, NR));
  if (packB.length < needB) packB = new Float64Array(needB);
  for (let pc = 0; pc < K; pc += KC) {
    const kc = Math.min(KC, K - pc);
    for (let jc = 0; jc < N; jc += NC) {
      const nc = Math.min(NC, N - jc);
      packPanelB(transB, N, K, B, pc, kc, jc, nc);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packPanelA(transA, M, K, A, pc, kc, ic, mc);
        macroKernel(mc, nc, kc, ic, jc, N, C);
      }
    }
  }
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/** Strided i-k-j loop for small or thin products; A(i,p) = A[i·sai + p·sap], B(p,j) = B[p·sbp + j·sbj]. */
function gemmSmall(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  B: FloatArray,
  C: FloatArray,
): void {
  const sai = transA ? 1 : K;
  const sap = transA ? M : 1;
  const sbp = transB ? 1 : N;
  const sbj = transB ? K : 1;
  for (let i = 0; i < M; i++) {
    const ci = i * N;
    for (let p = 0; p < K; p++) {
      const a = A[i * sai + p * sap]!;
      if (a === 0) continue;
      const bp = p * sbp;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bp + j * sbj]!;
    }
  }
}

/** Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row strips, k-major inside a strip, zero-padded. */
function packPanelA(transA: boolean, M: number, K: number, A: FloatArray, pc: number, kc: number, ic: number, mc: number): void {
  const strips = Math.ceil(mc / MR);
  const need = strips * MR * kc;
  if (packA.length < need) packA = new Float64Array(need);
  const dst = packA;
  for (let s = 0; s < strips; s++) {
    const base = s * MR * kc;
    for (let r = 0; r < MR; r++) {
      const i = ic + s * MR + r;
      if (i >= ic + mc) {
        for (let p = 0; p < kc; p++) dst[base + p * MR + r] = 0;
      } else if (transA) {
        // A stored K×M: op(A)(i, p) = A[p·M + i]
        for (let p = 0; p < kc; p++) dst[base + p * MR + r] = A[(pc + p) * M + i]!;
      } else {
        const row = i * K + pc;
        for (let p = 0; p < kc; p++) dst[base + p * MR + r] = A[row + p]!;
      }
    }
  }
}

/** Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column strips, k-major inside a strip, zero-padded. */
function packPanelB(transB: boolean, N: number, K: number, B: FloatArray, pc: number, kc: number, jc: number, nc: number): void {
  const strips = Math.ceil(nc / NR);
  const dst = packB;
  for (let s = 0; s < strips; s++) {
    const base = s * NR * kc;
    for (let c = 0; c < NR; c++) {
      const j = jc + s * NR + c;
      if (j >= jc + nc) {
        for (let p = 0; p < kc; p++) dst[base + p * NR + c] = 0;
      } else if (transB) {
        // B stored N×K: op(B)(p, j) = B[j·K + p]
        const row = j * K + pc;
        for (let p = 0; p < kc; p++) dst[base + p * NR + c] = B[row + p]!;
      } else {
        for (let p = 0; p < kc; p++) dst[base + p * NR + c] = B[(pc + p) * N + j]!;
      }
    }
  }
}

/** Runs the 4×4 micro-kernel over every (A strip, B strip) pair of the packed panels. */
function macroKernel(mc: number, nc: number, kc: number, ic: number, jc: number, N: number, C: FloatArray): void {
  const pa = packA;
  const pb = packB;
  for (let js = 0; js * NR < nc; js++) {
    const nr = Math.min(NR, nc - js * NR);
    const bBase = js * NR * kc;
    for (let is = 0; is * MR < mc; is++) {
      const mr = Math.min(MR, mc - is * MR);
      let ai = is * MR * kc;
      let bi = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = pa[ai]!, a1 = pa[ai + 1]!, a2 = pa[ai + 2]!, a3 = pa[ai + 3]!;
        const b0 = pb[bi]!, b1 = pb[bi + 1]!, b2 = pb[bi + 2]!, b3 = pb[bi + 3]!;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        ai += MR;
        bi += NR;
      }
      const r0 = (ic + is * MR) * N + jc + js * NR;
      if (mr === MR && nr === NR) {
        C[r0] += c00; C[r0 + 1] += c01; C[r0 + 2] += c02; C[r0 + 3] += c03;
        const r1 = r0 + N;
        C[r1] += c10; C[r1 + 1] += c11; C[r1 + 2] += c12; C[r1 + 3] += c13;
        const r2 = r1 + N;
        C[r2] += c20; C[r2 + 1] += c21; C[r2 + 2] += c22; C[r2 + 3] += c23;
        const r3 = r2 + N;
        C[r3] += c30; C[r3 + 1] += c31; C[r3 + 2] += c32; C[r3 + 3] += c33;
      } else {
        storeEdge(C, r0, N, mr, nr, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
      }
    }
  }
}

/** Adds the valid mr×nr corner of a 4×4 tile into C (right and bottom edges). */
function storeEdge(
  C: FloatArray, r0: number, N: number, mr: number, nr: number,
  c00: number, c01: number, c02: number, c03: number,
  c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number,
  c30: number, c31: number, c32: number, c33: number,
): void {
  const tile = edgeTile;
  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
  for (let r = 0; r < mr; r++) for (let c = 0; c < nr; c++) C[r0 + r * N + c] += tile[r * 4 + c]!;
}
const edgeTile = new Float64Array(16);

/** The textbook i-k-j loop (no transposes), kept as the baseline the benchmark compares against. */
export function gemmIkj(M: number, N: number, K: number, A: FloatArray, B: FloatArray, C: FloatArray): void {
  C.fill(0, 0, M * N);
  for (let i = 0; i < M; i++) {
    const ci = i * N;
    for (let p = 0; p < K; p++) {
      const a = A[i * K + p]!;
      const bp = p * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bp + j]!;
    }
  }
}
