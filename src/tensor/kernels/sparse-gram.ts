/**
 * Sparse Gram accumulation G = Σ_points x xᵀ (upper triangle), for data that is mostly exact
 * zeros (the covariance of raw MNIST pixels, src/pca/covariance.ts): Σ nnz(x)²/2 multiply-adds
 * instead of the dense m²n.
 *
 * `sparseGramUpper` dispatches to the WebAssembly kernel, split across threads
 * (./wasm-sparse-gram.ts), or runs `sparseGramUpperJs`, the TypeScript reference: each point's
 * non-zeros are gathered once (compressed rows, features ascending) and the outer products are
 * added four rows at a time: one load of (feature, value) feeds four accumulations, which is what
 * makes it fast in V8 (≈ 2.5× the one-row loop on MNIST). The wasm kernel runs the same loop over
 * the same parts in the same order, so all paths agree to the last bit (determinism: a run's
 * numbers do not depend on the thread count or on which thread did what).
 */
import { kernelOptions } from './config.js';
import { axpy } from './elementwise.js';
import { GRAM_PARTS, sparseGramWasm } from './wasm-sparse-gram.js';

/** Below this many data entries copying into wasm memory costs more than it saves. */
const WASM_MIN_ENTRIES = 4096;

/**
 * Upper triangle (with diagonal) of Σ_p x_p x_pᵀ as a row-major m × m Float64Array (the strict
 * lower triangle is left zero). `data` holds n points of m features: 'rows' → n × m row-major,
 * 'columns' → m × n row-major.
 */
export function sparseGramUpper(data: Float64Array, n: number, m: number, layout: 'rows' | 'columns'): Float64Array {
  const o = kernelOptions();
  if (o.backend !== 'js' && n > 0 && m > 0 && (o.backend === 'wasm' || n * m >= WASM_MIN_ENTRIES)) {
    const G = sparseGramWasm(data, n, m, layout);
    if (G !== null) return G;
  }
  return sparseGramUpperJs(data, n, m, layout);
}

/**
 * The TypeScript sparse Gram: the reference path (same contract as `sparseGramUpper`). Points are
 * accumulated in GRAM_PARTS strided parts, each into its own array, summed in part order (the
 * wasm kernel's threads each take whole parts, so both paths give the same bits).
 */
export function sparseGramUpperJs(data: Float64Array, n: number, m: number, layout: 'rows' | 'columns'): Float64Array {
  const { ptr, idx, val } = compress(data, n, m, layout);
  const addPart = (r: number, T: Float64Array): void => {
    for (let p = r; p < n; p += GRAM_PARTS) addOuterUpper(T, m, idx, val, ptr[p]!, ptr[p + 1]!);
  };
  const G = new Float64Array(m * m);
  addPart(0, G);
  const part = new Float64Array(m * m);
  for (let r = 1; r < GRAM_PARTS; r++) {
    part.fill(0);
    addPart(r, part);
    axpy(1, part, G); // G += part (1·x is x exactly: the same sum as the wasm path's vadd)
  }
  return G;
}

/** G (m × m, upper triangle) += x xᵀ for the non-zeros idx/val[start .. end) of one point. */
function addOuterUpper(G: Float64Array, m: number, idx: Int32Array, val: Float64Array, start: number, end: number): void {
  let a = start;
  for (; a + 3 < end; a += 4) {
    const i0 = idx[a]!, i1 = idx[a + 1]!, i2 = idx[a + 2]!, i3 = idx[a + 3]!;
    const v0 = val[a]!, v1 = val[a + 1]!, v2 = val[a + 2]!, v3 = val[a + 3]!;
    const r0 = i0 * m, r1 = i1 * m, r2 = i2 * m, r3 = i3 * m;
    G[r0 + i0] += v0 * v0; G[r0 + i1] += v0 * v1; G[r0 + i2] += v0 * v2; G[r0 + i3] += v0 * v3;
    G[r1 + i1] += v1 * v1; G[r1 + i2] += v1 * v2; G[r1 + i3] += v1 * v3;
    G[r2 + i2] += v2 * v2; G[r2 + i3] += v2 * v3;
    G[r3 + i3] += v3 * v3;
    for (let b = a + 4; b < end; b++) {
      const j = idx[b]!;
      const x = val[b]!;
      G[r0 + j] += v0 * x;
      G[r1 + j] += v1 * x;
      G[r2 + j] += v2 * x;
      G[r3 + j] += v3 * x;
    }
  }
  for (; a < end; a++) {
    const va = val[a]!;
    const ra = idx[a]! * m;
    for (let b = a; b < end; b++) G[ra + idx[b]!] += va * val[b]!;
  }
}

/** Compressed points: point p's non-zeros are idx/val[ptr[p] .. ptr[p+1]), features ascending. */
function compress(data: Float64Array, n: number, m: number, layout: 'rows' | 'columns'): { ptr: Int32Array; idx: Int32Array; val: Float64Array } {
  const ptr = new Int32Array(n + 1);
  if (layout === 'rows') {
    let nnz = 0;
    for (let p = 0; p < n; p++) {
      ptr[p] = nnz;
      const o = p * m;
      for (let j = 0; j < m; j++) if (data[o + j] !== 0) nnz++;
    }
    ptr[n] = nnz;
    const idx = new Int32Array(nnz);
    const val = new Float64Array(nnz);
    let q = 0;
    for (let p = 0; p < n; p++) {
      const o = p * m;
      for (let j = 0; j < m; j++) {
        const v = data[o + j]!;
        if (v !== 0) {
          idx[q] = j;
          val[q++] = v;
        }
      }
    }
    return { ptr, idx, val };
  }
  // columns: data is m × n; count per point (column), then fill feature by feature (ascending).
  const count = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let p = 0; p < n; p++) if (data[o + p] !== 0) count[p + 1]++;
  }
  for (let p = 0; p < n; p++) count[p + 1] += count[p]!;
  ptr.set(count);
  const nnz = count[n]!;
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const fill = count.slice(0, n);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let p = 0; p < n; p++) {
      const v = data[o + p]!;
      if (v !== 0) {
        const q = fill[p]++;
        idx[q] = i;
        val[q] = v;
      }
    }
  }
  return { ptr, idx, val };
}
