/**
 * The laelab contender of the LeNet-5 bench (./lenet.ts): `lenet5` from src/nn (conv 6@5×5 pad 2 →
 * ReLU → max-pool 2 → conv 16@5×5 → ReLU → max-pool 2 → dense 400-120-84-10), float64 or float32, trained as a
 * user trains it: AlignmentTrainer with the backprop rule (B = Wᵀ through the feedback ops), plain
 * SGD at `LENET_LR`, softmax cross-entropy, cycling through the batches.
 */
import { AlignmentTrainer } from '../../src/alignment/index.js';
import { lenet5 } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { fromData, type DType } from '../../src/tensor/index.js';
import type { Batches } from './batches.js';

export const LENET_LR = 0.01;

/** One training step per call, cycling through the batches. */
export function laelabLeNetStep(p: Batches, dtype: DType = 'float64'): () => void {
  const rng = new Rng('bench-lenet');
  const trainer = new AlignmentTrainer(lenet5({ inputShape: [1, 28, 28], classes: 10, rng: rng.fork('net') }), 'backprop', { rng, optimizer: 'sgd', lr: LENET_LR, dtype });
  const X = p.xs.map((x) => fromData(x, [p.batch, 1, 28, 28]).to(dtype));
  let step = 0;
  return () => {
    const i = step++ % X.length;
    trainer.step(X[i]!, p.ys[i]!);
  };
}
