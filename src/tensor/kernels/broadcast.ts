/**
 * Broadcast iteration, the one place that knows how NumPy broadcasting maps onto memory.
 * An output of shape `out` is walked row by row (all dimensions but the last); each operand is
 * addressed through its own strides, zero along broadcast dimensions. Contiguous dimensions are
 * merged first, so equal shapes become a single row and `[m,n] op [1,n]` / `[m,n] op [m,1]`
 * become plain strided rows.
 */

import type { FloatArray } from './dtype.js';
import { kernelOptions } from './config.js';
import { binaryWasm } from './wasm-elementwise.js';

/** Keep the order: the wasm dispatch (./wasm-elementwise.ts) passes these numbers on. */
export const enum BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
}

/**
 * How an operand of shape `shape` maps onto an output viewed as `rows` × `n` (n = last output
 * dimension): 0 same shape, 1 one element (scalar), 2 one row repeated ([n], [1, n], [1, 1, n] …),
 * 3 one column repeated ([rows, 1] with a 2-D output); −1 any other pattern (general path).
 */
function simplePattern(shape: readonly number[], size: number, outShape: readonly number[], outSize: number): number {
  if (size === outSize) return sameDims(shape, outShape) ? 0 : -1;
  if (size === 1) return 1;
  const r = outShape.length;
  const n = r === 0 ? 1 : outShape[r - 1]!;
  if (size === n && shape.length >= 1 && shape[shape.length - 1] === n) return 2; // leading dims all 1
  if (r === 2 && shape.length === 2 && shape[0] === outShape[0] && shape[1] === 1) return 3;
  return -1;
}

/** Equal shapes up to leading 1s (a [1, n] operand of an [n] output is "the same"). */
function sameDims(a: readonly number[], b: readonly number[]): boolean {
  let i = a.length - 1, j = b.length - 1;
  for (; i >= 0 && j >= 0; i--, j--) if (a[i] !== b[j]) return false;
  for (; i >= 0; i--) if (a[i] !== 1) return false;
  for (; j >= 0; j--) if (b[j] !== 1) return false;
  return true;
}

function sizeOfShape(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** Strides (in elements) of `shape` viewed inside `outShape`: 0 where the dimension is broadcast. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let d = shape.length - 1, o = outShape.length - 1; d >= 0; d--, o--) {
    strides[o] = shape[d] === 1 ? 0 : stride;
    stride *= shape[d]!;
  }
  return strides;
}

/** A row-wise plan: dims (merged), per-operand strides; innermost dimension last. */
interface Plan {
  dims: number[];
  strides: number[][];
}

/** Merges adjacent dimensions that are contiguous for every operand. */
function plan(outShape: readonly number[], shapes: readonly (readonly number[])[]): Plan {
  const all = shapes.map((s) => broadcastStrides(s, outShape));
  const dims: number[] = [];
  const strides: number[][] = shapes.map(() => []);
  for (let d = 0; d < outShape.length; d++) {
    const n = outShape[d]!;
    if (n === 1) continue;
    const last = dims.length - 1;
    const mergeable =
      last >= 0 && all.every((st, k) => strides[k]![last] === st[d]! * n);
    if (mergeable) {
      dims[last] = dims[last]! * n;
      for (let k = 0; k < all.length; k++) strides[k]![last] = all[k]![d]!;
    } else {
      dims.push(n);
      for (let k = 0; k < all.length; k++) strides[k]!.push(all[k]![d]!);
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    for (const s of strides) s.push(0);
  }
  return { dims, strides };
}

/**
 * Calls `row(o, offsets…, length, innerStrides…)` for every innermost row of the output.
 * `o` is the output offset (output is contiguous), offsets are operand offsets.
 */
function forEachRow(
  outShape: readonly number[],
  shapes: readonly (readonly number[])[],
  row: (o: number, offsets: Int32Array, n: number, inner: Int32Array) => void,
): void {
  const { dims, strides } = plan(outShape, shapes);
  const rank = dims.length;
  const n = dims[rank - 1]!;
  const inner = Int32Array.from(strides.map((s) => s[rank - 1]!));
  const offsets = new Int32Array(shapes.length);
  const counter = new Int32Array(rank);
  let rows = 1;
  for (let d = 0; d < rank - 1; d++) rows *= dims[d]!;
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    row(o, offsets, n, inner);
    // advance the multi-index over the outer dimensions
    for (let d = rank - 2; d >= 0; d--) {
      counter[d]!++;
      for (let k = 0; k < offsets.length; k++) offsets[k]! += strides[k]![d]!;
      if (counter[d]! < dims[d]!) break;
      for (let k = 0; k < offsets.length; k++) offsets[k]! -= strides[k]![d]! * dims[d]!;
      counter[d] = 0;
    }
  }
}

/** out = a ∘ b elementwise with broadcasting; `out` has shape `outShape`. */
export function broadcastBinary(
  op: BinaryOp,
  a: FloatArray,
  aShape: readonly number[],
  b: FloatArray,
  bShape: readonly number[],
  out: FloatArray,
  outShape: readonly number[],
): void {
  const size = out.length;
  if (a.length === size && b.length === size) {
    const o = kernelOptions();
    if (o.backend !== 'js' && size >= o.wasmMinElements && binaryWasm(op, a, b, out, size)) return;
    binaryRow(op, a, 0, 1, b, 0, 1, out, 0, size);
    return;
  }
  // scalars, rows and columns (the common cases) without building a plan
  const pa = simplePattern(aShape, sizeOfShape(aShape), outShape, size);
  const pb = pa < 0 ? -1 : simplePattern(bShape, sizeOfShape(bShape), outShape, size);
  if (pa >= 0 && pb >= 0) {
    const r = outShape.length;
    const n = r === 0 ? 1 : outShape[r - 1]!;
    const rows = n === 0 ? 0 : size / n;
    if (pa !== 2 && pb !== 2 && pa !== 3 && pb !== 3) {
      // full ∘ scalar, scalar ∘ full: one row
      binaryRow(op, a, 0, pa === 0 ? 1 : 0, b, 0, pb === 0 ? 1 : 0, out, 0, size);
      return;
    }
    for (let i = 0, o = 0; i < rows; i++, o += n) {
      binaryRow(
        op,
        a, pa === 0 ? o : pa === 3 ? i : 0, pa === 0 || pa === 2 ? 1 : 0,
        b, pb === 0 ? o : pb === 3 ? i : 0, pb === 0 || pb === 2 ? 1 : 0,
        out, o, n,
      );
    }
    return;
  }
  forEachRow(outShape, [aShape, bShape], (o, off, n, inner) =>
    binaryRow(op, a, off[0]!, inner[0]!, b, off[1]!, inner[1]!, out, o, n),
  );
}

function binaryRow(
  op: BinaryOp,
  a: FloatArray, ia: number, sa: number,
  b: FloatArray, ib: number, sb: number,
  out: FloatArray, o: number, n: number,
): void {
  if (sa === 1 && sb === 1) {
    binaryContiguous(op, a, ia, b, ib, out, o, n);
    return;
  }
  if (sa === 1 && sb === 0) {
    binaryScalarRight(op, a, ia, b[ib]!, out, o, n);
    return;
  }
  switch (op) {
    case BinaryOp.Add:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa]! + b[ib + j * sb]!;
      break;
    case BinaryOp.Sub:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa]! - b[ib + j * sb]!;
      break;
    case BinaryOp.Mul:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa]! * b[ib + j * sb]!;
      break;
    case BinaryOp.Div:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa]! / b[ib + j * sb]!;
      break;
  }
}

function binaryContiguous(op: BinaryOp, a: FloatArray, ia: number, b: FloatArray, ib: number, out: FloatArray, o: number, n: number): void {
  switch (op) {
    case BinaryOp.Add:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! + b[ib + j]!;
      break;
    case BinaryOp.Sub:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! - b[ib + j]!;
      break;
    case BinaryOp.Mul:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! * b[ib + j]!;
      break;
    case BinaryOp.Div:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! / b[ib + j]!;
      break;
  }
}

function binaryScalarRight(op: BinaryOp, a: FloatArray, ia: number, s: number, out: FloatArray, o: number, n: number): void {
  switch (op) {
    case BinaryOp.Add:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! + s;
      break;
    case BinaryOp.Sub:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! - s;
      break;
    case BinaryOp.Mul:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! * s;
      break;
    case BinaryOp.Div:
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j]! / s;
      break;
  }
}

/** out (shape `outShape`) = x broadcast from `xShape` (the forward of expand). */
export function broadcastTo(x: FloatArray, xShape: readonly number[], out: FloatArray, outShape: readonly number[]): void {
  forEachRow(outShape, [xShape], (o, off, n, inner) => {
    const ix = off[0]!;
    const sx = inner[0]!;
    for (let j = 0; j < n; j++) out[o + j] = x[ix + j * sx]!;
  });
}

/**
 * out (shape `targetShape`) = g (shape `gShape`) summed over the dimensions that broadcasting
 * expanded: the backward of expand, and so of every broadcasting binary op.
 */
export function sumToShape(g: FloatArray, gShape: readonly number[], out: FloatArray, targetShape: readonly number[]): void {
  if (g.length === out.length) {
    out.set(g);
    return;
  }
  out.fill(0);
  // sums to a scalar, to a row ([n], [1, n] …: column sums) or to a column ([m, 1]) without a plan
  const p = simplePattern(targetShape, out.length, gShape, g.length);
  if (p === 1) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i]!;
    out[0] = s;
    return;
  }
  if (p === 2 || p === 3) {
    const r = gShape.length;
    const n = gShape[r - 1]!;
    const rows = n === 0 ? 0 : g.length / n;
    for (let i = 0, o = 0; i < rows; i++, o += n) {
      if (p === 2) {
        for (let j = 0; j < n; j++) out[j] += g[o + j]!;
      } else {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[o + j]!;
        out[i] += s;
      }
    }
    return;
  }
  // walk g's rows; the target is addressed with broadcast strides (0 where summed)
  forEachRow(gShape, [targetShape], (o, off, n, inner) => {
    const it = off[0]!;
    const st = inner[0]!;
    if (st === 0) {
      let s = 0;
      for (let j = 0; j < n; j++) s += g[o + j]!;
      out[it] += s;
    } else {
      for (let j = 0; j < n; j++) out[it + j * st] += g[o + j]!;
    }
  });
}
