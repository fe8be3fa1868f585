import { formatShape, SizeLimitError } from './errors.js';
import { isGradEnabled } from './grad-mode.js';
import { sameShape, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';
import { alloc, allocLike, convert, dtypeOf, type DType, type FloatArray } from './kernels/dtype.js';

let maxElements = 2 ** 31 - 1;

/** Largest number of elements a single tensor may have; larger requests are refused up front. */
export function setMaxTensorElements(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`setMaxTensorElements: expected a positive integer, got ${n}`);
  maxElements = n;
}

export function getMaxTensorElements(): number {
  return maxElements;
}

/** A zeroed buffer of `dtype` for a tensor of `shape`, refusing sizes beyond the configured limit. */
export function allocate(op: string, shape: readonly number[], dtype: DType = 'float64'): FloatArray {
  const n = sizeOf(shape);
  if (n > maxElements) {
    throw new SizeLimitError(
      `${op}: a tensor of shape ${formatShape(shape)} needs ${n} elements (${((n * (dtype === 'float32' ? 4 : 8)) / 2 ** 30).toFixed(2)} GiB), over the limit of ${maxElements} elements (setMaxTensorElements)`,
    );
  }
  return alloc(dtype, n);
}

/**
 * Wraps an op's output. When grad mode is on and any operand requires grad, the result records
 * its operands and the op's backward function `(g) => …`, which must push ∂L/∂operand to each
 * operand that requires grad through `accumulate`.
 */
export function result(data: FloatArray, shape: readonly number[], parents: readonly Tensor[], back: (g: FloatArray) => void): Tensor {
  const t = new Tensor(data, shape);
  if (isGradEnabled() && parents.some((p) => p.requiresGrad)) {
    t.requiresGrad = true;
    t._parents = parents;
    t._backward = back;
  }
  return t;
}

/**
 * Adds a gradient contribution to `t` during a backward pass. `owned` says the caller hands the
 * buffer over (it is fresh and referenced nowhere else), so the first contribution is kept
 * without a copy.
 */
export function accumulate(t: Tensor, g: FloatArray, owned: boolean): void {
  if (!t.requiresGrad) return;
  if (dtypeOf(g) !== t.dtype) {
    // an operand of a promoted (mixed-dtype) op takes its gradient in its own dtype
    g = convert(g, t.dtype);
    owned = true;
  }
  if (t._g === null) {
    t._g = owned ? g : g.slice();
    return;
  }
  const acc = t._g;
  for (let i = 0; i < acc.length; i++) acc[i] += g[i]!;
}

/** Operands in topological order (operands before results), by an iterative depth-first search. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: Tensor[] = [root];
  const next: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top]!;
    const i = next[top]!;
    if (i < node._parents.length) {
      next[top] = i + 1;
      const p = node._parents[i]!;
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push(p);
        next.push(0);
      }
    } else {
      order.push(node);
      stack.pop();
      next.pop();
    }
  }
  return order;
}

/** See Tensor.backward. */
export function backward(root: Tensor, grad?: Tensor): void {
  if (!root.requiresGrad) throw new Error('backward: the tensor does not require grad (no parameter in its graph, or built under noGrad)');
  let seed: FloatArray;
  if (grad === undefined) {
    if (root.size !== 1) throw new Error(`backward: called without a gradient on a tensor of shape ${formatShape(root.shape)}; pass the upstream gradient or reduce to a scalar first`);
    seed = allocLike(root.data, 1);
    seed[0] = 1;
  } else {
    if (!sameShape(grad.shape, root.shape)) throw new Error(`backward: gradient of shape ${formatShape(grad.shape)} for a tensor of shape ${formatShape(root.shape)}`);
    seed = convert(grad.data, root.dtype).slice();
  }
  const order = topologicalOrder(root);
  root._g = seed;
  try {
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      const g = node._g;
      if (g === null) continue;
      if (node._backward !== null) {
        node._backward(g);
      } else if (node.grad === null) {
        node.grad = new Tensor(g, node.shape.slice());
      } else {
        const acc = node.grad.data;
        for (let j = 0; j < acc.length; j++) acc[j] += g[j]!;
      }
    }
  } finally {
    for (const node of order) node._g = null;
  }
}
