import { noGrad, softmaxCrossEntropy, type Tensor } from '../tensor/index.js';

/** Mean softmax cross-entropy of logits (N × C) and integer labels (autograd op). */
export function crossEntropy(logits: Tensor, labels: ArrayLike<number>): Tensor {
  return softmaxCrossEntropy(logits, labels);
}

/** Fraction of rows whose largest logit is at the label (ties: the first maximum). */
export function accuracy(logits: Tensor, labels: ArrayLike<number>): number {
  const [N, C] = [logits.rows, logits.cols];
  if (labels.length !== N) throw new RangeError(`accuracy: ${N} rows of logits but ${labels.length} labels`);
  const z = logits.data;
  let correct = 0;
  for (let n = 0; n < N; n++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (z[n * C + c]! > z[n * C + best]!) best = c;
    if (best === labels[n]) correct++;
  }
  return N === 0 ? 0 : correct / N;
}

/** Loss and accuracy of logits against labels, without recording a graph. */
export function evaluateLogits(logits: Tensor, labels: ArrayLike<number>): { loss: number; accuracy: number } {
  return { loss: noGrad(() => crossEntropy(logits, labels)).item(), accuracy: accuracy(logits, labels) };
}
