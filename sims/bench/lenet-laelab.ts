/**
 * The laelab contender of the LeNet-5 bench (./lenet.ts) — TO BE FILLED when src/nn's conv layers
 * (Conv2d, MaxPool2d, Flatten, …) are merged: build LeNet-5 for 28×28 inputs (conv 6@5×5 pad 2 →
 * ReLU → maxpool 2 → conv 16@5×5 → ReLU → maxpool 2 → dense 400-120-84-10 with ReLU), train it with
 * SGD (lr `LENET_LR`) and softmax cross-entropy on `p.xs[i]` (batch × 1 × 28 × 28) / `p.ys[i]`,
 * cycling through the batches, and return samples/s: `p.batch / time(step, reps, 0.2).median`
 * (./timing.ts; its warm-up call is the warm-up).
 */
import type { Batches } from './batches.js';

export const LENET_LR = 0.01;

export function laelabLeNet(p: Batches, reps: number): number {
  void p;
  void reps;
  throw new Error('laelab conv layers not merged yet');
}
