/**
 * Category 1b: random shapes against the ops that constrain shapes. Each property draws shapes
 * that may or may not fit (half of them derived to fit, dimensions of 0 included) and compares
 * with a reference written here: when they fit, the result must have the reference's shape and
 * values; when they do not, the op must throw a ShapeError whose message names the op and the
 * shapes — never return a result.
 */
import fc, { type GeneratorValue } from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, concatRows, div, formatShape, fromData, matmul, mean, mse, mul, reshape, ShapeError, softmaxCrossEntropy, sub, sum, trace,
  transpose, type Tensor,
} from '../../src/tensor/index.js';
import { propertyRuns, propertySeed, recordProperty, trackCounts } from './counter.js';

trackCounts('shapes');

/** One of `values`, drawn by fast-check (shrinks towards the first). */
function choose<const T>(g: GeneratorValue, ...values: T[]): T {
  return g(fc.constantFrom as (...xs: T[]) => fc.Arbitrary<T>, ...values);
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A tensor of `shape` with values 1, 2, … (never 0, so division is defined), alternating signs. */
function filled(shape: readonly number[], offset = 0): Tensor {
  const data = Float64Array.from({ length: sizeOf(shape) }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + ((i + offset) % 7) / 4));
  return fromData(data, shape.slice());
}

/** Row-major strides. */
function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) s[d] = s[d + 1]! * shape[d + 1]!;
  return s;
}

/** Multi-index of flat index i in `shape`. */
function unravel(i: number, shape: readonly number[]): number[] {
  return strides(shape).map((st, d) => Math.floor(i / st) % shape[d]!);
}

/** NumPy's rule, written independently of the core: undefined when the shapes do not broadcast. */
function referenceBroadcast(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = rank; i >= 1; i--) {
    const x = a.length - i >= 0 ? a[a.length - i]! : 1;
    const y = b.length - i >= 0 ? b[b.length - i]! : 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return undefined;
  }
  return out;
}

/** The value of `t` read at an output multi-index of a broadcast result. */
function readBroadcast(t: Tensor, index: readonly number[]): number {
  const lead = index.length - t.rank;
  const st = strides(t.shape);
  let off = 0;
  for (let d = 0; d < t.rank; d++) off += (t.shape[d] === 1 ? 0 : index[lead + d]!) * st[d]!;
  return t.data[off]!;
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    if (Math.abs(actual[i]! - e) > 1e-12 * Math.max(1, Math.abs(e))) throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${e}`);
  }
}

/** `f` must throw a ShapeError naming `op` and every shape in `shapes`, and return nothing. */
function expectShapeError(f: () => unknown, op: string, shapes: readonly (readonly number[])[]): void {
  let returned: unknown;
  try {
    returned = f();
  } catch (err) {
    if (!(err instanceof ShapeError)) throw new Error(`expected a ShapeError from ${op}, got ${(err as Error).name}: ${(err as Error).message}`);
    expect(err.op).toBe(op);
    expect(err.message.startsWith(`${op}: shapes `), err.message).toBe(true);
    for (const s of shapes) expect(err.message, `the message names ${formatShape(s)}`).toContain(formatShape(s));
    return;
  }
  throw new Error(`${op} on ${shapes.map(formatShape).join(' and ')} returned a result of shape ${formatShape((returned as Tensor).shape)} instead of a ShapeError`);
}

/** A random shape: rank 0–4, dimensions 0–7 (mostly 1–4, 0 rarely). */
function drawShape(g: GeneratorValue, maxRank = 4): number[] {
  const rank = g(fc.integer, { min: 0, max: maxRank });
  return Array.from({ length: rank }, () => choose(g, 1, 2, 3, 4, 1, 2, 3, 4, 0, 5, 7));
}

/** A matrix dimension 0–9: across the 4 × 4 tiles of the gemm kernel and their edges. */
const dim = (g: GeneratorValue): number => g(fc.integer, { min: 0, max: 9 });

/** A shape that broadcasts with `shape` when `fit`, else (usually) one that does not. */
function partner(g: GeneratorValue, shape: readonly number[]): number[] {
  if (g(fc.boolean)) return drawShape(g);
  const out = shape.slice(g(fc.integer, { min: 0, max: shape.length })).map((d) => (g(fc.boolean) ? d : 1));
  if (out.length > 0 && g(fc.boolean)) out[g(fc.integer, { min: 0, max: out.length - 1 })] = g(fc.integer, { min: 0, max: 5 });
  return out;
}

function run(name: string, property: fc.IProperty<[GeneratorValue]>): void {
  const details = fc.check(property, { numRuns: propertyRuns(), seed: propertySeed() });
  recordProperty('shape errors (property)', details);
  expect(details.failed, `${name}: ${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`).toBe(false);
}

describe(`random shapes (${propertyRuns()} cases per property): a result is right or a ShapeError names the op and shapes`, () => {
  it('add / sub / mul / div with NumPy broadcasting', () => {
    const ops = { add, sub, mul, div } as const;
    const refs = { add: (x: number, y: number) => x + y, sub: (x: number, y: number) => x - y, mul: (x: number, y: number) => x * y, div: (x: number, y: number) => x / y };
    run('broadcasting', fc.property(fc.gen(), (g) => {
      const op = choose(g, 'add', 'sub', 'mul', 'div');
      const sa = drawShape(g);
      const sb = partner(g, sa);
      const a = filled(sa), b = filled(sb, 3);
      const shape = referenceBroadcast(sa, sb);
      if (shape === undefined) return expectShapeError(() => ops[op](a, b), op, [sa, sb]);
      const out = ops[op](a, b);
      expect(out.shape).toEqual(shape);
      const expected = Array.from({ length: sizeOf(shape) }, (_, i) => {
        const index = unravel(i, shape);
        return refs[op](readBroadcast(a, index), readBroadcast(b, index));
      });
      expectClose(out.data, expected, `${op} ${formatShape(sa)} ${formatShape(sb)}`);
    }));
  });

  it('matmul with transpose flags', () => {
    run('matmul', fc.property(fc.gen(), (g) => {
      const ta = g(fc.boolean), tb = g(fc.boolean);
      const name = `matmul${ta ? '(Aᵀ)' : ''}${tb ? '(Bᵀ)' : ''}`;
      const sa = g(fc.integer, { min: 0, max: 5 }) === 0 ? drawShape(g, 3) : [dim(g), dim(g)];
      const K = sa.length === 2 ? sa[ta ? 0 : 1]! : 1;
      const inner = g(fc.boolean) ? K : dim(g);
      const N = dim(g);
      const sb = g(fc.integer, { min: 0, max: 5 }) === 0 ? drawShape(g, 3) : tb ? [N, inner] : [inner, N];
      const a = filled(sa), b = filled(sb, 5);
      const call = (): Tensor => matmul(a, b, { transposeA: ta, transposeB: tb });
      if (sa.length !== 2 || sb.length !== 2) return expectShapeError(call, name, [sa, sb]);
      const [M, Ka] = ta ? [sa[1]!, sa[0]!] : [sa[0]!, sa[1]!];
      const [Kb, Nb] = tb ? [sb[1]!, sb[0]!] : [sb[0]!, sb[1]!];
      if (Ka !== Kb) return expectShapeError(call, name, [sa, sb]);
      const A = (i: number, k: number): number => (ta ? a.data[k * sa[1]! + i]! : a.data[i * sa[1]! + k]!);
      const B = (k: number, j: number): number => (tb ? b.data[j * sb[1]! + k]! : b.data[k * sb[1]! + j]!);
      const out = call();
      expect(out.shape).toEqual([M, Nb]);
      const expected = Array.from({ length: M * Nb }, (_, idx) => {
        const i = Math.floor(idx / Nb), j = idx % Nb;
        let s = 0;
        for (let k = 0; k < Ka; k++) s += A(i, k) * B(k, j);
        return s;
      });
      expectClose(out.data, expected, `${name} ${formatShape(sa)} ${formatShape(sb)}`);
    }));
  });

  it('reshape (with −1)', () => {
    run('reshape', fc.property(fc.gen(), (g) => {
      const sx = drawShape(g);
      const x = filled(sx);
      const target = g(fc.boolean) ? drawShape(g) : [...sx].reverse();
      // negative dimensions, one or two −1s, and a −2 beside a −1: invalid targets are named as given
      if (target.length > 0 && g(fc.integer, { min: 0, max: 9 }) === 0) target[0] = -2;
      if (target.length > 0 && g(fc.boolean)) target[g(fc.integer, { min: 0, max: target.length - 1 })] = -1;
      if (target.length > 1 && g(fc.integer, { min: 0, max: 9 }) === 0) target[1] = -1;
      const invalid = target.some((d) => d < -1) || target.filter((d) => d === -1).length > 1;
      if (invalid) return expectShapeError(() => reshape(x, target), 'reshape', [target]);
      const wild = target.filter((d) => d === -1).length;
      const known = sizeOf(target.filter((d) => d !== -1));
      const fits = wild === 0 ? known === x.size : known > 0 && x.size % known === 0;
      if (!fits) return expectShapeError(() => reshape(x, target), 'reshape', [sx, target]);
      const out = reshape(x, target);
      expect(out.shape).toEqual(target.map((d) => (d === -1 ? x.size / known : d)));
      expectClose(out.data, Array.from(x.data), 'reshape');
    }));
  });

  it('sum / mean along an axis, transpose, trace', () => {
    run('reductions', fc.property(fc.gen(), (g) => {
      const sx = drawShape(g);
      const x = filled(sx);
      const which = choose(g, 'sum', 'mean', 'transpose', 'trace');
      if (which === 'transpose' || which === 'trace') {
        if (sx.length !== 2) return expectShapeError(() => (which === 'trace' ? trace(x) : transpose(x)), which, [sx]);
        const [r, c] = sx as [number, number];
        if (which === 'trace') {
          let t = 0;
          for (let i = 0; i < Math.min(r, c); i++) t += x.data[i * c + i]!;
          return expectClose(trace(x).data, [t], 'trace');
        }
        const out = transpose(x);
        expect(out.shape).toEqual([c, r]);
        return expectClose(out.data, Array.from({ length: r * c }, (_, i) => x.data[(i % r) * c + Math.floor(i / r)]!), 'transpose');
      }
      const axis = g(fc.integer, { min: -5, max: 4 });
      const keepdims = g(fc.boolean);
      const f = which === 'sum' ? sum : mean;
      if (which === 'mean' && x.size === 0) return expectShapeError(() => mean(x, axis, keepdims), 'mean', [sx]);
      if (axis < -sx.length || axis >= sx.length) return expectShapeError(() => f(x, axis, keepdims), which, [sx]);
      const ax = axis < 0 ? axis + sx.length : axis;
      const kept = sx.map((d, i) => (i === ax ? 1 : d));
      const out = f(x, axis, keepdims);
      expect(out.shape).toEqual(keepdims ? kept : sx.filter((_, i) => i !== ax));
      const expected = new Array<number>(sizeOf(kept)).fill(0);
      for (let i = 0; i < x.size; i++) {
        const index = unravel(i, sx);
        index[ax] = 0;
        expected[index.reduce((o, v, d) => o + v * strides(kept)[d]!, 0)]! += x.data[i]! / (which === 'mean' ? sx[ax]! : 1);
      }
      expectClose(out.data, expected, `${which} axis ${axis}`);
    }));
  });

  it('concatRows, mse, softmaxCrossEntropy', () => {
    run('layout and losses', fc.property(fc.gen(), (g) => {
      const which = choose(g, 'concatRows', 'mse', 'softmaxCrossEntropy');
      const sa = drawShape(g, 3);
      const a = filled(sa);
      if (which === 'concatRows') {
        const shapes = [sa, ...Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, () => (g(fc.boolean) ? [g(fc.integer, { min: 0, max: 3 }), ...sa.slice(1)] : drawShape(g, 3)))];
        const parts = shapes.map((s, i) => filled(s, i));
        const bad = shapes.find((s) => s.length < 1 || s.length !== sa.length || s.slice(1).some((d, i) => d !== sa[i + 1]));
        if (bad !== undefined) return expectShapeError(() => concatRows(parts), 'concatRows', [sa, bad]);
        const out = concatRows(parts);
        expect(out.shape).toEqual([shapes.reduce((r, s) => r + s[0]!, 0), ...sa.slice(1)]);
        return expectClose(out.data, parts.flatMap((p) => Array.from(p.data)), 'concatRows');
      }
      if (which === 'mse') {
        const sb = g(fc.boolean) ? sa.slice() : partner(g, sa);
        const b = filled(sb, 2);
        if (sb.length !== sa.length || sb.some((d, i) => d !== sa[i])) return expectShapeError(() => mse(a, b), 'mse', [sa, sb]);
        if (a.size === 0) return expectShapeError(() => mse(a, b), 'mean', [sa]);
        let s = 0;
        for (let i = 0; i < a.size; i++) s += (a.data[i]! - b.data[i]!) ** 2;
        return expectClose(mse(a, b).data, [s / a.size], 'mse');
      }
      const rows = sa.length === 2 ? sa[0]! : 1;
      if (rows === 0 && sa.length === 2) return expectShapeError(() => softmaxCrossEntropy(a, []), 'softmaxCrossEntropy', [sa]);
      const n = g(fc.boolean) ? rows : g(fc.integer, { min: 0, max: 4 });
      const labels = Array.from({ length: n }, (_, i) => i % Math.max(1, sa[1] ?? 1));
      if (sa.length !== 2) return expectShapeError(() => softmaxCrossEntropy(a, labels), 'softmaxCrossEntropy', [sa]);
      if (n !== rows) return expectShapeError(() => softmaxCrossEntropy(a, labels), 'softmaxCrossEntropy', [sa, [n]]);
      if (sa[1] === 0 && n > 0) return; // a label cannot name a class of zero columns: a RangeError, not a shape case
      const [N, C] = sa as [number, number];
      let loss = 0;
      for (let r = 0; r < N; r++) {
        const row = Array.from(a.data.subarray(r * C, r * C + C));
        const top = Math.max(...row);
        loss += top + Math.log(row.reduce((acc, v) => acc + Math.exp(v - top), 0)) - row[labels[r]!]!;
      }
      expectClose(softmaxCrossEntropy(a, labels).data, [loss / N], 'softmaxCrossEntropy');
    }));
  });
});
