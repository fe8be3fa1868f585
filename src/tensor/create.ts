import type { Rng } from '../random/rng.js';
import { allocate } from './autograd.js';
import { checkShape } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';
import type { DType, FloatArray } from './kernels/dtype.js';

/** Options shared by the creation functions. */
export interface CreateOptions {
  /** Mark as a trainable parameter. */
  requiresGrad?: boolean;
  /** Name used in error messages. */
  name?: string;
  /** Element type; default 'float64'. Random values are drawn in float64 and rounded, so a seed gives the same values in both. */
  dtype?: DType;
}

function make(op: string, shape: readonly number[], fill: (data: Float64Array) => void, options: CreateOptions): Tensor {
  checkShape(op, shape);
  const values = allocate(op, shape) as Float64Array;
  fill(values);
  const data = options.dtype === 'float32' ? Float32Array.from(values) : values;
  const t = new Tensor(data, shape.slice(), options.requiresGrad === true);
  if (options.name !== undefined) t.name = options.name;
  return t;
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return make('zeros', shape, () => {}, options);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A tensor with every element equal to `value`. */
export function full(shape: readonly number[], value: number, options: CreateOptions = {}): Tensor {
  return make('full', shape, (d) => d.fill(value), options);
}

/** The n×n identity (or n×m with ones on the main diagonal). */
export function eye(n: number, m = n, options: CreateOptions = {}): Tensor {
  return make('eye', [n, m], (d) => {
    for (let i = 0; i < Math.min(n, m); i++) d[i * m + i] = 1;
  }, options);
}

/** Uniform values in [lo, hi) from the seeded generator. */
export function rand(shape: readonly number[], rng: Rng, lo = 0, hi = 1, options: CreateOptions = {}): Tensor {
  return make('rand', shape, (d) => rng.fillUniform(d, lo, hi), options);
}

/** Normal N(mean, std²) values from the seeded generator. */
export function randn(shape: readonly number[], rng: Rng, std = 1, mean = 0, options: CreateOptions = {}): Tensor {
  return make('randn', shape, (d) => rng.fillNormal(d, mean, std), options);
}

/** A tensor from a Float64Array or Float32Array (not copied; its type is the dtype) and a shape. */
export function fromData(data: FloatArray, shape: readonly number[], options: Omit<CreateOptions, 'dtype'> = {}): Tensor {
  checkShape('fromData', shape);
  const t = new Tensor(data, shape.slice(), options.requiresGrad === true);
  if (options.name !== undefined) t.name = options.name;
  return t;
}

/** A tensor from nested arrays, e.g. `tensor([[1, 2], [3, 4]])`; ragged input is an error. */
export function tensor(values: NestedArray, options: CreateOptions = {}): Tensor {
  const shape: number[] = [];
  for (let v: NestedArray = values; Array.isArray(v); v = (v as readonly NestedArray[])[0]!) {
    shape.push((v as readonly NestedArray[]).length);
    if ((v as readonly NestedArray[]).length === 0) break;
  }
  const flat: number[] = [];
  const walk = (v: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new Error(`tensor: ragged nested array at ${path || 'top'}: expected a number`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`tensor: ragged nested array at ${path || 'top'}: expected ${shape[depth]} entries`);
    }
    (v as readonly NestedArray[]).forEach((e, i) => walk(e, depth + 1, `${path}[${i}]`));
  };
  walk(values, 0, '');
  return fromData(options.dtype === 'float32' ? Float32Array.from(flat) : Float64Array.from(flat), shape, options);
}
