/** Fixed training batches of MNIST digits (the `mnist` package) for the training benchmarks. */
import { loadMnist } from '../../src/data/mnist.js';
import type { Rng } from '../../src/random/rng.js';

export interface Batches {
  batch: number;
  /** Batches of images (batch × 784, row-major; also batch × 1 × 28 × 28) and their labels. */
  xs: Float64Array[];
  ys: Uint8Array[];
}

/** `count` batches of `batch` digits, in an order drawn from `rng`. */
export function mnistBatches(rng: Rng, batch: number, count: number): Batches {
  const { images, labels } = loadMnist();
  const order = rng.permutation(images.rows);
  const xs: Float64Array[] = [];
  const ys: Uint8Array[] = [];
  for (let b = 0; b < count; b++) {
    const x = new Float64Array(batch * 784);
    const y = new Uint8Array(batch);
    for (let r = 0; r < batch; r++) {
      const i = order[(b * batch + r) % order.length]!;
      x.set(images.data.subarray(i * 784, (i + 1) * 784), r * 784);
      y[r] = labels[i]!;
    }
    xs.push(x);
    ys.push(y);
  }
  return { batch, xs, ys };
}
