/**
 * Pooling windows over NCHW batches (the geometry of ./im2col.ts, one window per output entry,
 * channel by channel). Max pooling records the flat input index of each window's maximum (the
 * first one on ties; padding never wins) so its backward is a scatter.
 */
import type { FloatArray } from './dtype.js';
import type { Window2d } from './im2col.js';

/** out = max over each window, argmax = its flat input index (−1 if the window is all padding). */
export function maxPool(x: FloatArray, g: Window2d, out: FloatArray, argmax: Int32Array): void {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = g;
  let o = 0;
  for (let nc = 0; nc < N * C; nc++) {
    const base = nc * H * W;
    for (let oh = 0; oh < Ho; oh++) {
      const i0 = Math.max(0, oh * sh - ph);
      const i1 = Math.min(H, oh * sh - ph + kh);
      for (let ow = 0; ow < Wo; ow++, o++) {
        const j0 = Math.max(0, ow * sw - pw);
        const j1 = Math.min(W, ow * sw - pw + kw);
        let best = -Infinity;
        let at = -1;
        for (let i = i0; i < i1; i++) {
          const row = base + i * W;
          for (let j = j0; j < j1; j++) {
            const v = x[row + j]!;
            if (v > best || at < 0) {
              best = v;
              at = row + j;
            }
          }
        }
        out[o] = at < 0 ? 0 : best;
        argmax[o] = at;
      }
    }
  }
}

/** gx[argmax[o]] += g[o]. */
export function maxPoolBackward(g: FloatArray, argmax: Int32Array, gx: FloatArray): void {
  for (let o = 0; o < g.length; o++) {
    const at = argmax[o]!;
    if (at >= 0) gx[at] += g[o]!;
  }
}

/** out = Σ window / (kh·kw): padding counts as zeros in the mean (PyTorch's count_include_pad). */
export function avgPool(x: FloatArray, g: Window2d, out: FloatArray): void {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = g;
  const inv = 1 / (kh * kw);
  let o = 0;
  for (let nc = 0; nc < N * C; nc++) {
    const base = nc * H * W;
    for (let oh = 0; oh < Ho; oh++) {
      const i0 = Math.max(0, oh * sh - ph);
      const i1 = Math.min(H, oh * sh - ph + kh);
      for (let ow = 0; ow < Wo; ow++, o++) {
        const j0 = Math.max(0, ow * sw - pw);
        const j1 = Math.min(W, ow * sw - pw + kw);
        let s = 0;
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) s += x[base + i * W + j]!;
        out[o] = s * inv;
      }
    }
  }
}

/** gx += the adjoint of avgPool: each window's g/(kh·kw) spread over its input entries. */
export function avgPoolBackward(g: FloatArray, win: Window2d, gx: FloatArray): void {
  const { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo } = win;
  const inv = 1 / (kh * kw);
  let o = 0;
  for (let nc = 0; nc < N * C; nc++) {
    const base = nc * H * W;
    for (let oh = 0; oh < Ho; oh++) {
      const i0 = Math.max(0, oh * sh - ph);
      const i1 = Math.min(H, oh * sh - ph + kh);
      for (let ow = 0; ow < Wo; ow++, o++) {
        const j0 = Math.max(0, ow * sw - pw);
        const j1 = Math.min(W, ow * sw - pw + kw);
        const v = g[o]! * inv;
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) gx[base + i * W + j] += v;
      }
    }
  }
}
