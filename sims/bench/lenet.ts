/**
 * LeNet-5 training throughput (samples/s), issue 13 part 5: 28×28 MNIST digits, conv 6@5×5 pad 2 →
 * ReLU → maxpool 2 → conv 16@5×5 → ReLU → maxpool 2 → dense 400-120-84-10 (ReLU), softmax
 * cross-entropy, SGD lr 0.01, batch 64. laelab (./lenet-laelab.ts), TensorFlow.js cpu and wasm
 * (float32) and PyTorch (float64 and float32, 1 and 2 threads; ./peers/torch_bench.py) in the
 * same run; each timed after a warm-up step.
 */
import type { Scalar, Tensor2D, Tensor4D, Tensor5D } from '@tensorflow/tfjs';
import { Rng } from '../../src/random/rng.js';
import { mnistBatches, type Batches } from './batches.js';
import { laelabLeNetStep, LENET_LR } from './lenet-laelab.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { addBestThreads, runTorch, torchColumn, type TorchPeer } from './peers/torch.js';
import { interleavedRounds, type PeerSample } from './rounds.js';
import { time } from './timing.js';
import type { Section } from './types.js';

/** Kernel and layer shapes, tfjs layout: conv filters [h, w, in, out], dense [in, out]. */
const CONV = [[5, 5, 1, 6], [5, 5, 6, 16]] as const;
const DENSE = [400, 120, 84, 10];

/**
 * tfjs's conv2d on the active backend. tfjs-backend-wasm (4.22) registers Conv2D and
 * Conv2DBackpropInput but no Conv2DBackpropFilter, so conv2d cannot train there; on such a backend
 * the same convolution runs as a depth-1 conv3d (NDHWC), whose forward and both gradients it has.
 */
export function conv2dOf(peer: TfjsPeer): (x: Tensor4D, k: Tensor4D, pad: 'same' | 'valid') => Tensor4D {
  const tf = peer.tf;
  if (tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined) return (x, k, pad) => tf.conv2d(x, k, 1, pad);
  return (x, k, pad) => {
    const [n, h, w, c] = x.shape;
    const y = tf.conv3d(tf.reshape(x, [n, 1, h, w, c]) as Tensor5D, tf.reshape(k, [1, ...k.shape]) as Tensor5D, 1, pad);
    const [, , oh, ow, oc] = y.shape;
    return tf.reshape(y, [n, oh, ow, oc]);
  };
}

/** tfjs: NHWC tensors, tf.variable weights (He-normal, zero biases) and optimizer.minimize. */
function tfjsTrainer(peer: TfjsPeer, p: Batches, rng: Rng): { step: () => void; dispose: () => void } {
  const tf = peer.tf;
  const he = (shape: readonly number[], fanIn: number): Float32Array => {
    const n = shape.reduce((a, b) => a * b, 1);
    return Float32Array.from(rng.fillNormal(new Float64Array(n), 0, Math.sqrt(2 / fanIn)));
  };
  const K = CONV.map((s) => tf.variable(tf.tensor4d(he(s, s[0] * s[1] * s[2]), [...s])));
  const kb = CONV.map((s) => tf.variable(tf.zeros([s[3]])));
  const W = DENSE.slice(1).map((out, l) => tf.variable(tf.tensor2d(he([DENSE[l]!, out], DENSE[l]!), [DENSE[l]!, out])));
  const b = DENSE.slice(1).map((n) => tf.variable(tf.zeros([n])));
  const X = p.xs.map((x) => tf.tensor4d(Float32Array.from(x), [p.batch, 28, 28, 1]));
  const Y = p.ys.map((y) => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), 10));
  const opt = tf.train.sgd(LENET_LR);
  const conv = conv2dOf(peer);
  let step = 0;
  return {
    step: () => {
      const i = step++ % X.length;
      opt.minimize(() => {
        // conv → ReLU → 2×2 max-pool, twice (the first 'same' = pad 2 for a 5×5 kernel)
        const block = (h: Tensor4D, c: number, pad: 'same' | 'valid'): Tensor4D =>
          tf.maxPool(tf.relu(tf.add(conv(h, K[c] as Tensor4D, pad), kb[c]!)) as Tensor4D, 2, 2, 'valid');
        let z: Tensor2D = tf.reshape(block(block(X[i]!, 0, 'same'), 1, 'valid'), [p.batch, 400]);
        for (let l = 0; l < W.length; l++) {
          z = tf.add(tf.matMul(z, W[l]!), b[l]!);
          if (l < W.length - 1) z = tf.relu(z);
        }
        return tf.losses.softmaxCrossEntropy(Y[i]!, z) as Scalar;
      });
    },
    dispose: () => {
      for (const t of [...K, ...kb, ...W, ...b, ...X, ...Y]) t.dispose();
      opt.dispose();
    },
  };
}

export interface LeNetBenchOptions {
  reps: number;
  batch: number;
  tfjs: TfjsPeer | null;
  torch: TorchPeer | null;
}

export async function benchLeNet(o: LeNetBenchOptions): Promise<Section> {
  const rng = new Rng('bench-lenet');
  const p = mnistBatches(rng, o.batch, 8);
  const notes: string[] = [];
  const values: Record<string, number | null> = {};
  // laelab (float64, float32) and PyTorch in interleaved rounds (./rounds.ts)
  let torchFailed = false;
  const peer = o.torch === null ? undefined : (): PeerSample[] => {
    if (torchFailed) return [];
    try {
      return runTorch(o.torch!, { reps: 1, minSeconds: 0.2, lenet: [{ batch: o.batch }] }).map((r) => ({ row: 0, column: torchColumn(r), seconds: r.median }));
    } catch (err) {
      torchFailed = true;
      notes.push(`PyTorch LeNet-5 peer failed: ${(err as Error).message}`);
      return [];
    }
  };
  if (o.torch) console.error('  LeNet-5 training, laelab and PyTorch in interleaved rounds …');
  try {
    const [medians] = interleavedRounds([[
      { column: 'laelab', step: laelabLeNetStep(p) },
      { column: 'laelab-f32', step: laelabLeNetStep(p, 'float32') },
    ]], o.reps, 0.2, peer);
    for (const [column, sec] of medians!) values[column] = o.batch / sec;
    addBestThreads(values);
  } catch (err) {
    values['laelab'] = null;
    notes.push(`LeNet-5 laelab: ${(err as Error).message} (sims/bench/lenet-laelab.ts)`);
    console.error(`  LeNet-5 laelab: ${(err as Error).message}`);
  }
  if (o.tfjs) {
    for (const backend of ['cpu', 'wasm']) {
      if (!(await useBackend(o.tfjs, backend))) {
        values[`tfjs-${backend}`] = null;
        continue;
      }
      const t = tfjsTrainer(o.tfjs, p, rng);
      try {
        values[`tfjs-${backend}`] = o.batch / time(t.step, o.reps, 0.2).median;
      } catch (err) {
        values[`tfjs-${backend}`] = null;
        notes.push(`LeNet-5 tfjs ${backend} failed: ${(err as Error).message}`);
      }
      t.dispose();
    }
  }
  if (o.tfjs?.backends.includes('wasm')) notes.push('LeNet-5 tfjs wasm: convolutions as depth-1 conv3d (tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so conv2d cannot train there)');
  const name = `LeNet-5 training, 28×28, batch ${o.batch}, SGD`;
  return { id: 'lenet', title: 'LeNet-5 training throughput (samples/s, higher is better)', figures: [{ section: 'lenet', name, unit: 'samples/s', higherIsBetter: true, values }], notes };
}
