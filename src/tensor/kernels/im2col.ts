/**
 * Convolution as a matrix product (im2col): the patches of an NCHW batch unfolded into rows, and
 * the adjoint that folds patch gradients back (col2im). Rows are output positions (n, oh, ow);
 * columns are patch entries (c, i, j), the layout of a kernel [C_out, C_in, kh, kw] read as a
 * C_out × (C_in·kh·kw) matrix, so conv(x, W) = unfold(x) · Wᵀ.
 */
import type { FloatArray } from './dtype.js';
import { wasmElementwise } from './config.js';
import { col2imWasm, im2colWasm } from './wasm-im2col.js';

/** Geometry of a 2-D convolution or pooling window over an NCHW batch. */
export interface Window2d {
  readonly N: number;
  readonly C: number;
  readonly H: number;
  readonly W: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  /** Output height ⌊(H + 2ph − kh)/sh⌋ + 1. */
  readonly Ho: number;
  /** Output width ⌊(W + 2pw − kw)/sw⌋ + 1. */
  readonly Wo: number;
}

/**
 * cols[(n·Ho + oh)·Wo + ow, (c·kh + i)·kw + j] = x[n, c, oh·sh − ph + i, ow·sw − pw + j] (0 outside).
 * Every entry is written once (padding zeros included), so cols needs no clearing first. The valid
 * kernel offsets of a window are [i0, i1) × [j0, j1) (computed inline: nothing is allocated).
 * From `wasmMinElements` entries on, the same loop runs in WebAssembly (./wasm-im2col.ts).
 */
export function im2col(x: FloatArray, g: Window2d, cols: FloatArray): void {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = g;
  const K = C * kh * kw;
  if (wasmElementwise(N * Ho * Wo * K) && im2colWasm(x, g, cols)) return;
  const HW = H * W;
  let row = 0;
  for (let n = 0; n < N; n++) {
    const xn = n * C * HW;
    for (let oh = 0; oh < Ho; oh++) {
      const ih0 = oh * sh - ph;
      const i0 = ih0 < 0 ? -ih0 : 0;
      const i1 = H - ih0 < kh ? H - ih0 : kh;
      for (let ow = 0; ow < Wo; ow++, row += K) {
        const iw0 = ow * sw - pw;
        const j0 = iw0 < 0 ? -iw0 : 0;
        const j1 = W - iw0 < kw ? W - iw0 : kw;
        let d = row;
        for (let c = 0; c < C; c++) {
          const xc = xn + c * HW + ih0 * W + iw0;
          for (let i = 0; i < kh; i++, d += kw) {
            if (i < i0 || i >= i1) {
              for (let j = 0; j < kw; j++) cols[d + j] = 0;
              continue;
            }
            const src = xc + i * W;
            for (let j = 0; j < j0; j++) cols[d + j] = 0;
            for (let j = j0; j < j1; j++) cols[d + j] = x[src + j]!;
            for (let j = j1; j < kw; j++) cols[d + j] = 0;
          }
        }
      }
    }
  }
}

/** gx += fold(gcols): the adjoint of im2col (overlapping patches add up); wasm as im2col. */
export function col2im(gcols: FloatArray, g: Window2d, gx: FloatArray): void {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = g;
  const K = C * kh * kw;
  if (wasmElementwise(N * Ho * Wo * K) && col2imWasm(gcols, g, gx)) return;
  const HW = H * W;
  let row = 0;
  for (let n = 0; n < N; n++) {
    const xn = n * C * HW;
    for (let oh = 0; oh < Ho; oh++) {
      const ih0 = oh * sh - ph;
      const i0 = ih0 < 0 ? -ih0 : 0;
      const i1 = H - ih0 < kh ? H - ih0 : kh;
      for (let ow = 0; ow < Wo; ow++, row += K) {
        const iw0 = ow * sw - pw;
        const j0 = iw0 < 0 ? -iw0 : 0;
        const j1 = W - iw0 < kw ? W - iw0 : kw;
        for (let c = 0; c < C; c++) {
          const xc = xn + c * HW + ih0 * W + iw0;
          const sc = row + c * kh * kw;
          for (let i = i0; i < i1; i++) {
            const dst = xc + i * W;
            const src = sc + i * kw;
            for (let j = j0; j < j1; j++) gx[dst + j] += gcols[src + j]!;
          }
        }
      }
    }
  }
}

/**
 * NCHW output from position rows: out[n, c, p] = rows[n·P + p, c] + bias[c] (bias may be null),
 * for N images of P positions and C channels.
 */
export function rowsToChannels(rows: FloatArray, N: number, P: number, C: number, bias: FloatArray | null, out: FloatArray): void {
  for (let n = 0; n < N; n++) {
    const rb = n * P * C;
    const ob = n * C * P;
    for (let c = 0; c < C; c++) {
      const b = bias === null ? 0 : bias[c]!;
      const o = ob + c * P;
      for (let p = 0; p < P; p++) out[o + p] = rows[rb + p * C + c]! + b;
    }
  }
}

/** The inverse permutation: rows[n·P + p, c] = x[n, c, p]. */
export function channelsToRows(x: FloatArray, N: number, P: number, C: number, rows: FloatArray): void {
  for (let n = 0; n < N; n++) {
    const rb = n * P * C;
    const xb = n * C * P;
    for (let c = 0; c < C; c++) {
      const xo = xb + c * P;
      for (let p = 0; p < P; p++) rows[rb + p * C + c] = x[xo + p]!;
    }
  }
}
