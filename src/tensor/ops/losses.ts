import { accumulate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyRows } from '../kernels/index.js';
import { sameShape } from '../shape.js';
import { allocLike } from '../kernels/dtype.js';
import type { Tensor } from '../tensor.js';
import { mean } from './reduce.js';
import { square } from './unary.js';
import { sub } from './arithmetic.js';

/**
 * Mean softmax cross-entropy −(1/N) Σ_n log softmax(z_n)[y_n] of logits z (N×C) and integer
 * labels y, fused and numerically stable (log-sum-exp); gradient (softmax(z) − onehot(y))/N.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: ArrayLike<number>): Tensor {
  if (logits.rank !== 2) throw new ShapeError('softmaxCrossEntropy', [logits.shape], 'must be a matrix of logits (N×C)');
  const [N, C] = [logits.rows, logits.cols];
  if (N === 0) throw new ShapeError('softmaxCrossEntropy', [logits.shape], 'have no rows (a mean over no examples)');
  if (labels.length !== N) throw new ShapeError('softmaxCrossEntropy', [logits.shape, [labels.length]], `do not fit: ${N} rows of logits but ${labels.length} labels`);
  for (let n = 0; n < N; n++) {
    const y = labels[n]!;
    if (!Number.isInteger(y) || y < 0 || y >= C) throw new RangeError(`softmaxCrossEntropy: label ${y} at row ${n} is not a class index in [0, ${C})`);
  }
  const probs = new Float64Array(N * C); // float64 whatever the logits' dtype: the loss is a sum of N logs
  const loss = softmaxCrossEntropyRows(logits.data, N, C, labels, probs);
  const value = allocLike(logits.data, 1);
  value[0] = loss;
  return result(value, [], [logits], (g) => {
    const gx = allocLike(logits.data, N * C);
    softmaxCrossEntropyBackward(probs, N, C, labels, g[0]!, gx);
    accumulate(logits, gx, true);
  });
}

/** Mean squared error mean((a − b)²) of two tensors of the same shape. */
export function mse(a: Tensor, b: Tensor): Tensor {
  if (!sameShape(a.shape, b.shape)) throw new ShapeError('mse', [a.shape, b.shape], 'differ');
  return mean(square(sub(a, b)));
}
