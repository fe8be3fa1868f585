/**
 * Category 1a: random expression graphs over the core's ops — random shapes, broadcasting, number
 * operands, transposed matmuls, reused nodes (diamonds) — pass float64 gradient checks.
 *
 * A graph is a program: a list of instructions, each making one node from earlier nodes or a new
 * input. It is drawn by fast-check (fc.gen, so failures shrink) while being evaluated on its
 * inputs, and an op is only placed where it is smooth: log/sqrt/fractional powers on values
 * > 0.05, division by values with |·| > 0.1, abs/relu on values with |·| > 0.01, exp below 5,
 * every node bounded by 100. The check then replays the program inside `gradcheck` (central
 * differences against backward(), non-uniform upstream gradient).
 */
import fc, { type GeneratorValue } from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import {
  abs, add, concatRows, div, exp, fromData, gatherRows, log, matmul, mean, mse, mul, neg, noGrad, pow, relu, reshape, sigmoid,
  sliceRows, softmaxCrossEntropy, sqrt, square, sub, sum, sumSquares, tanh, trace, transpose, type Tensor,
} from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';
import { SEED_ENV, propertyRuns, propertySeed, recordProperty, trackCounts } from './counter.js';

trackCounts('gradients');

/** One of `values`, drawn by fast-check (shrinks towards the first). */
function choose<const T>(g: GeneratorValue, ...values: T[]): T {
  return g(fc.constantFrom as (...xs: T[]) => fc.Arbitrary<T>, ...values);
}

/** An operand of add/sub/mul/div: a node or a plain number. */
type Operand = { node: number } | { value: number };
type Unary = 'neg' | 'square' | 'sqrt' | 'exp' | 'log' | 'abs' | 'relu' | 'sigmoid' | 'tanh';

type Instr =
  | { op: 'input'; input: number }
  | { op: 'add' | 'sub' | 'mul' | 'div'; a: Operand; b: Operand }
  | { op: 'unary'; fn: Unary; a: number }
  | { op: 'pow'; a: number; p: number }
  | { op: 'matmul'; a: number; b: number; ta: boolean; tb: boolean }
  | { op: 'transpose' | 'sumSquares' | 'trace'; a: number }
  | { op: 'reshape'; a: number; shape: number[] }
  | { op: 'sum' | 'mean'; a: number; axis: number | undefined; keepdims: boolean }
  | { op: 'gatherRows'; a: number; indices: number[] }
  | { op: 'sliceRows'; a: number; start: number; end: number }
  | { op: 'concatRows'; parts: number[] }
  | { op: 'softmaxCrossEntropy'; a: number; labels: number[] }
  | { op: 'mse'; a: number; b: number };

const UNARY: Record<Unary, (x: Tensor) => Tensor> = { neg, square, sqrt, exp, log, abs, relu, sigmoid, tanh };

function operand(nodes: readonly Tensor[], o: Operand): Tensor | number {
  return 'node' in o ? nodes[o.node]! : o.value;
}

/** One instruction on the nodes made so far. */
function apply(instr: Instr, nodes: readonly Tensor[], inputs: readonly Tensor[]): Tensor {
  const n = (i: number): Tensor => nodes[i]!;
  switch (instr.op) {
    case 'input':
      return inputs[instr.input]!;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const a = operand(nodes, instr.a);
      const b = operand(nodes, instr.b);
      const f = { add, sub, mul, div }[instr.op];
      return f(a, b);
    }
    case 'unary':
      return UNARY[instr.fn](n(instr.a));
    case 'pow':
      return pow(n(instr.a), instr.p);
    case 'matmul':
      return matmul(n(instr.a), n(instr.b), { transposeA: instr.ta, transposeB: instr.tb });
    case 'transpose':
      return transpose(n(instr.a));
    case 'sumSquares':
      return sumSquares(n(instr.a));
    case 'trace':
      return trace(n(instr.a));
    case 'reshape':
      return reshape(n(instr.a), instr.shape);
    case 'sum':
      return sum(n(instr.a), instr.axis, instr.keepdims);
    case 'mean':
      return mean(n(instr.a), instr.axis, instr.keepdims);
    case 'gatherRows':
      return gatherRows(n(instr.a), instr.indices);
    case 'sliceRows':
      return sliceRows(n(instr.a), instr.start, instr.end);
    case 'concatRows':
      return concatRows(instr.parts.map(n));
    case 'softmaxCrossEntropy':
      return softmaxCrossEntropy(n(instr.a), instr.labels);
    case 'mse':
      return mse(n(instr.a), n(instr.b));
  }
}

/** The nodes an instruction reads. */
function consumed(instr: Instr): number[] {
  switch (instr.op) {
    case 'input':
      return [];
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return [instr.a, instr.b].flatMap((o) => ('node' in o ? [o.node] : []));
    case 'concatRows':
      return instr.parts;
    case 'matmul':
    case 'mse':
      return [instr.a, instr.b];
    default:
      return [instr.a];
  }
}

/** Replays a program: the last node plus Σ sum(node) over every other node nothing consumed. */
function replay(program: readonly Instr[], inputs: readonly Tensor[]): Tensor {
  const nodes: Tensor[] = [];
  const used = new Set<number>();
  for (const instr of program) {
    for (const o of consumed(instr)) used.add(o);
    nodes.push(apply(instr, nodes, inputs));
  }
  let out = nodes[nodes.length - 1]!;
  nodes.forEach((node, i) => {
    if (i < nodes.length - 1 && !used.has(i)) out = add(out, sum(node));
  });
  return out;
}

const BOUND = 100;
const UNARY_NAMES = Object.keys(UNARY) as Unary[];
const KINDS = [
  'add', 'sub', 'mul', 'div', 'unary', 'pow', 'matmul', 'transpose', 'trace', 'sumSquares', 'reshape', 'sum', 'mean', 'gatherRows',
  'sliceRows', 'concatRows', 'softmaxCrossEntropy', 'mse',
] as const;

function minAbs(t: Tensor): number {
  let m = Infinity;
  for (const v of t.data) m = Math.min(m, Math.abs(v));
  return m;
}
function minOf(t: Tensor): number {
  let m = Infinity;
  for (const v of t.data) m = Math.min(m, v);
  return m;
}
function maxOf(t: Tensor): number {
  let m = -Infinity;
  for (const v of t.data) m = Math.max(m, v);
  return m;
}
function bounded(t: Tensor): boolean {
  for (const v of t.data) if (!(Math.abs(v) <= BOUND)) return false;
  return true;
}

/** A random graph drawn with `g`: its program, its inputs, and the ops and features it uses. */
interface Graph {
  program: Instr[];
  inputs: Tensor[];
  ops: string[];
}

function drawGraph(g: GeneratorValue): Graph {
  const rng = new Rng(`graph-${g(fc.integer, { min: 0, max: 2 ** 31 - 1 })}`);
  const int = (min: number, max: number): number => g(fc.integer, { min, max });
  const bool = (): boolean => g(fc.boolean);
  const inputs: Tensor[] = [];
  const program: Instr[] = [];
  const nodes: Tensor[] = [];
  const ops: string[] = [];

  /** Values in ±[0.2, 1.5] (a third of the inputs all positive): away from kinks and poles. */
  const leaf = (shape: number[], positive = rng.uniform() < 1 / 3): number => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float64Array(size);
    for (let i = 0; i < size; i++) data[i] = (positive || rng.uniform() < 0.5 ? 1 : -1) * rng.uniformIn(0.2, 1.5);
    inputs.push(fromData(data, shape));
    return push({ op: 'input', input: inputs.length - 1 })!;
  };
  const push = (instr: Instr): number | undefined => {
    const t = noGrad(() => apply(instr, nodes, inputs));
    if (!bounded(t)) return undefined;
    program.push(instr);
    nodes.push(t);
    if (instr.op !== 'input') ops.push(instr.op === 'unary' ? instr.fn : instr.op);
    return nodes.length - 1;
  };
  const randomShape = (): number[] => Array.from({ length: [0, 1, 2, 2, 2, 3][int(0, 5)]! }, () => int(1, 4));
  /** A shape that broadcasts with `shape`: maybe a leading dimension more or fewer, some dims 1. */
  const partnerShape = (shape: readonly number[]): number[] => {
    const out = shape.slice(int(0, shape.length)).map((d) => (bool() ? d : 1));
    if (out.length === shape.length && out.length < 3 && bool()) out.unshift(int(1, 3)); // x broadcasts up
    return out;
  };
  const pick = (candidates: readonly number[]): number | undefined =>
    candidates.length === 0 ? undefined : candidates[int(0, candidates.length - 1)];
  const nodesWhere = (ok: (t: Tensor) => boolean): number[] => nodes.flatMap((t, i) => (ok(t) ? [i] : []));
  const fits = (a: readonly number[], b: readonly number[]): boolean => {
    for (let i = 1; i <= Math.max(a.length, b.length); i++) {
      const x = a[a.length - i] ?? 1, y = b[b.length - i] ?? 1;
      if (x !== y && x !== 1 && y !== 1) return false;
    }
    return true;
  };

  leaf(randomShape());
  const steps = choose(g, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  for (let s = 0, attempts = 0; s < steps && attempts < 40; attempts++) {
    const a = int(0, nodes.length - 1);
    const x = nodes[a]!;
    const kind = choose(g, ...KINDS);
    let made: number | undefined;
    if (kind === 'add' || kind === 'sub' || kind === 'mul' || kind === 'div') {
      const op = kind;
      // the second operand: a number, the node itself (a diamond), a compatible node, or a new input
      const how = int(0, 3);
      let b: Operand;
      if (how === 0) b = { value: (bool() ? 1 : -1) * (0.5 + int(0, 15) / 10) };
      else if (how === 1) b = { node: a };
      else b = { node: (how === 2 ? pick(nodesWhere((t) => fits(t.shape, x.shape))) : undefined) ?? leaf(partnerShape(x.shape)) };
      const swap = bool();
      const [l, r] = swap ? [b, { node: a } as Operand] : [{ node: a } as Operand, b];
      const denom = operand(nodes, r);
      if (!('node' in l) && !('node' in r)) continue;
      if (op === 'div' && (typeof denom === 'number' ? Math.abs(denom) : minAbs(denom)) <= 0.1) continue;
      made = push({ op, a: l, b: r });
    } else if (kind === 'unary') {
      // where x is outside the op's smooth domain, a node inside it (or a new input) is used
      const fn = choose(g, ...UNARY_NAMES);
      const domain = (t: Tensor): boolean =>
        fn === 'sqrt' || fn === 'log' ? minOf(t) > 0.05 : fn === 'abs' || fn === 'relu' ? minAbs(t) > 0.01 : fn === 'exp' ? maxOf(t) < 5 : true;
      const target = domain(x) ? a : (pick(nodesWhere(domain)) ?? leaf(randomShape(), true));
      made = push({ op: 'unary', fn, a: target });
    } else if (kind === 'pow') {
      const p = choose(g, 2, 3, -1, 0.5, 1.5, -0.5);
      const domain = (t: Tensor): boolean => (Number.isInteger(p) ? p > 0 || minAbs(t) > 0.1 : minOf(t) > 0.05);
      const target = domain(x) ? a : (pick(nodesWhere(domain)) ?? leaf(randomShape(), true));
      made = push({ op: 'pow', a: target, p });
    } else if (kind === 'matmul' && x.rank === 2) {
      const ta = bool(), tb = bool();
      const K = ta ? x.rows : x.cols;
      const partner = pick(nodesWhere((t) => t.rank === 2 && (tb ? t.cols : t.rows) === K));
      const N = int(1, 4);
      const b = partner !== undefined && bool() ? partner : leaf(tb ? [N, K] : [K, N]);
      made = push({ op: 'matmul', a, b, ta, tb });
    } else if ((kind === 'transpose' || kind === 'trace') && x.rank === 2) {
      made = push({ op: kind, a });
    } else if (kind === 'sumSquares') {
      made = push({ op: 'sumSquares', a });
    } else if (kind === 'reshape') {
      // a random factorization of the size, maybe with one −1
      const dims: number[] = [];
      let rest = x.size;
      for (let d = 2; d <= rest; d++) while (rest % d === 0) { dims.push(d); rest /= d; }
      const shape = Array.from({ length: int(1, 3) }, () => 1);
      for (const d of dims) shape[int(0, shape.length - 1)]! *= d;
      if (bool()) shape[int(0, shape.length - 1)] = -1;
      made = push({ op: 'reshape', a, shape });
    } else if (kind === 'sum' || kind === 'mean') {
      const axis = x.rank > 0 && bool() ? int(-x.rank, x.rank - 1) : undefined;
      made = push({ op: kind, a, axis, keepdims: bool() });
    } else if (kind === 'gatherRows' && x.rank >= 1) {
      made = push({ op: 'gatherRows', a, indices: Array.from({ length: int(1, 4) }, () => int(0, x.shape[0]! - 1)) });
    } else if (kind === 'sliceRows' && x.rank >= 1) {
      const start = int(0, x.shape[0]! - 1);
      made = push({ op: 'sliceRows', a, start, end: int(start + 1, x.shape[0]!) });
    } else if (kind === 'concatRows' && x.rank >= 1) {
      const tail = x.shape.slice(1);
      const same = (t: Tensor): boolean => t.rank === x.rank && t.shape.slice(1).every((d, i) => d === tail[i]);
      const parts = [a];
      for (let k = int(1, 2); k > 0; k--) parts.push(bool() ? (pick(nodesWhere(same)) ?? a) : leaf([int(1, 3), ...tail]));
      made = push({ op: 'concatRows', parts });
    } else if (kind === 'softmaxCrossEntropy' && x.rank === 2) {
      made = push({ op: 'softmaxCrossEntropy', a, labels: Array.from({ length: x.rows }, () => int(0, x.cols - 1)) });
    } else if (kind === 'mse') {
      const partner = pick(nodesWhere((t) => t.rank === x.rank && t.shape.every((d, i) => d === x.shape[i])));
      made = push({ op: 'mse', a, b: partner !== undefined && bool() ? partner : leaf(x.shape.slice()) });
    }
    if (made !== undefined) s++;
  }
  // what the graph exercises besides its ops
  const uses = new Map<number, number>();
  for (const instr of program) for (const n of consumed(instr)) uses.set(n, (uses.get(n) ?? 0) + 1);
  if ([...uses.values()].some((u) => u > 1)) ops.push('reused node');
  for (const instr of program) {
    if (instr.op === 'add' || instr.op === 'sub' || instr.op === 'mul' || instr.op === 'div') {
      const [l, r] = [instr.a, instr.b];
      if (!('node' in l) || !('node' in r)) ops.push('number operand');
      else if (nodes[l.node]!.shape.join() !== nodes[r.node]!.shape.join()) ops.push('broadcasting');
    }
    if (instr.op === 'matmul' && (instr.ta || instr.tb)) ops.push('transposed matmul');
  }
  return { program, inputs, ops };
}

describe('random expression graphs pass float64 gradient checks', () => {
  it(`${propertyRuns()} graphs`, () => {
    const seen = new Set<string>();
    const details = fc.check(
      fc.property(fc.gen(), (g) => {
        const { program, inputs, ops } = drawGraph(g);
        ops.forEach((op) => seen.add(op));
        try {
          gradcheck((...xs) => replay(program, xs), inputs);
        } catch (err) {
          const shapes = inputs.map((x) => x.shape);
          throw new Error(`${(err as Error).message}\nprogram: ${JSON.stringify(program)}\ninput shapes: ${JSON.stringify(shapes)}`);
        }
      }),
      { numRuns: propertyRuns(), seed: propertySeed() },
    );
    recordProperty('gradients (property)', details);
    expect(details.failed, `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`).toBe(false);
    // the draw reaches every op (a regression in the generator would otherwise test less and less)
    if (propertyRuns() >= 100 && process.env[SEED_ENV] === undefined) {
      const wanted = [
        ...KINDS.filter((k) => k !== 'unary'), ...UNARY_NAMES, 'reused node', 'number operand', 'broadcasting', 'transposed matmul',
      ];
      for (const op of wanted) expect(seen, `no graph used ${op}`).toContain(op);
    }
  });
});
