/**
 * MLP training throughput (samples/s): 784-256-256-10, ReLU, softmax cross-entropy, batch 64, plain
 * SGD, on MNIST digits (the `mnist` package), the same initial weights and batches for every
 * implementation. One sample = one training step of a batch: forward, backward, update.
 */
import { loadMnist } from '../../src/data/mnist.js';
import { SGD } from '../../src/optim/index.js';
import { Rng } from '../../src/random/rng.js';
import { setKernelOptions } from '../../src/tensor/kernels/index.js';
import { fromData, type Tensor } from '../../src/tensor/index.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { time } from './timing.js';
import type { Figure, Section } from './types.js';

const LAYERS = [784, 256, 256, 10];
const LR = 0.01;

interface Problem {
  batch: number;
  /** Batches of images (batch × 784) and their labels. */
  xs: Float64Array[];
  ys: Uint8Array[];
  /** He-normal initial weights (in × out) and zero biases, per layer. */
  weights: Float64Array[];
}

function problem(batch: number, batches: number): Problem {
  const rng = new Rng('bench-mlp');
  const { images, labels } = loadMnist();
  const order = rng.permutation(images.rows);
  const xs: Float64Array[] = [];
  const ys: Uint8Array[] = [];
  for (let b = 0; b < batches; b++) {
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
  const weights = LAYERS.slice(1).map((out, l) => rng.fillNormal(new Float64Array(LAYERS[l]! * out), 0, Math.sqrt(2 / LAYERS[l]!)));
  return { batch, xs, ys, weights };
}

/** laelab: the tensor core's matmul, add (row broadcast), relu, softmaxCrossEntropy, SGD. */
function laelabTrainer(p: Problem): () => void {
  const W = p.weights.map((w, l) => fromData(w.slice(), [LAYERS[l]!, LAYERS[l + 1]!]).param(`W${l + 1}`));
  const b = LAYERS.slice(1).map((n, l) => fromData(new Float64Array(n), [1, n]).param(`b${l + 1}`));
  const opt = new SGD([...W, ...b], { lr: LR });
  const X = p.xs.map((x) => fromData(x, [p.batch, 784]));
  let step = 0;
  return () => {
    const i = step++ % X.length;
    opt.zeroGrad();
    let h: Tensor = X[i]!;
    for (let l = 0; l < W.length; l++) {
      h = h.matmul(W[l]!).add(b[l]!);
      if (l < W.length - 1) h = h.relu();
    }
    h.softmaxCrossEntropy(p.ys[i]!).backward();
    opt.step();
  };
}

/** tfjs: the same network with tf.variable weights and optimizer.minimize (leaner than the layers API). */
function tfjsTrainer(peer: TfjsPeer, p: Problem): { step: () => void; dispose: () => void } {
  const tf = peer.tf;
  const W = p.weights.map((w, l) => tf.variable(tf.tensor2d(Float32Array.from(w), [LAYERS[l]!, LAYERS[l + 1]!])));
  const b = LAYERS.slice(1).map((n) => tf.variable(tf.zeros([1, n])));
  const X = p.xs.map((x) => tf.tensor2d(Float32Array.from(x), [p.batch, 784]));
  const Y = p.ys.map((y) => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), 10));
  const opt = tf.train.sgd(LR);
  let step = 0;
  return {
    step: () => {
      const i = step++ % X.length;
      opt.minimize(() => {
        let h = X[i]!;
        for (let l = 0; l < W.length; l++) {
          h = tf.add(tf.matMul(h, W[l]!), b[l]!);
          if (l < W.length - 1) h = tf.relu(h);
        }
        return tf.losses.softmaxCrossEntropy(Y[i]!, h) as import('@tensorflow/tfjs').Scalar;
      });
    },
    dispose: () => {
      for (const t of [...W, ...b, ...X, ...Y]) t.dispose();
      opt.dispose();
    },
  };
}

export async function benchMlp(o: { reps: number; batch: number; tfjs: TfjsPeer | null }): Promise<Section> {
  const p = problem(o.batch, 16);
  const values: Record<string, number | null> = {};
  const rate = (sec: number): number => o.batch / sec;
  values['laelab'] = rate(time(laelabTrainer(p), o.reps, 0.2).median);
  const prevThreads = setKernelOptions({ threads: 1 });
  values['laelab-1t'] = rate(time(laelabTrainer(p), o.reps, 0.2).median);
  setKernelOptions(prevThreads);
  const prev = setKernelOptions({ backend: 'js' });
  values['laelab-js'] = rate(time(laelabTrainer(p), o.reps, 0.2).median);
  setKernelOptions(prev);
  if (o.tfjs) {
    for (const backend of ['cpu', 'wasm']) {
      if (!(await useBackend(o.tfjs, backend))) {
        values[`tfjs-${backend}`] = null;
        continue;
      }
      const t = tfjsTrainer(o.tfjs, p);
      values[`tfjs-${backend}`] = rate(time(t.step, o.reps, 0.2).median);
      t.dispose();
    }
  }
  console.error(`  MLP training: laelab ${values['laelab']!.toFixed(0)} samples/s`);
  const figure: Figure = { section: 'mlp', name: `MLP 784-256-256-10 training, batch ${o.batch}, SGD`, unit: 'samples/s', higherIsBetter: true, values };
  return { id: 'mlp', title: 'MLP training throughput (samples/s, higher is better)', figures: [figure], notes: [] };
}
