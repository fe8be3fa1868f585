/**
 * LeNet-5 training throughput (samples/s), batch 64, plain SGD lr 0.01, softmax cross-entropy, on
 * inputs of MNIST shape (1×28×28): laelab (src/nn lenet5 trained by AlignmentTrainer with the
 * backprop rule, float64), TensorFlow.js cpu and wasm (float32), PyTorch float64 and float32 at
 * 1 and 2 threads (its best thread count reported; issue 13's reference point is 1 thread float64).
 */
import { AlignmentTrainer } from '../../src/alignment/index.js';
import { lenet5 } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { setKernelOptions } from '../../src/tensor/kernels/index.js';
import { randn } from '../../src/tensor/index.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { probeTorch, runTorchScript } from './peers/torch.js';
import { time } from './timing.js';
import type { Figure, Section } from './types.js';
import type * as Tf from '@tensorflow/tfjs';

type T4 = import('@tensorflow/tfjs').Tensor4D;
type T2 = import('@tensorflow/tfjs').Tensor2D;

const BATCH = 64;
const LR = 0.01;

function laelabStep(): () => void {
  const rng = new Rng('bench-lenet');
  const x = randn([BATCH, 1, 28, 28], rng);
  const y = Array.from({ length: BATCH }, (_, i) => i % 10);
  const trainer = new AlignmentTrainer(lenet5({ inputShape: [1, 28, 28], classes: 10, rng: rng.fork('net') }), 'backprop', { rng, optimizer: 'sgd', lr: LR });
  return () => void trainer.step(x, y);
}

function tfjsStep(peer: TfjsPeer): { step: () => void; dispose: () => void } {
  const tf = peer.tf;
  const he = (shape: number[], fanIn: number) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', 1));
  const vars = {
    c1: he([5, 5, 1, 6], 25), b1: tf.variable(tf.zeros([6])),
    c2: he([5, 5, 6, 16], 150), b2: tf.variable(tf.zeros([16])),
    f1: he([400, 120], 400), g1: tf.variable(tf.zeros([120])),
    f2: he([120, 84], 120), g2: tf.variable(tf.zeros([84])),
    f3: he([84, 10], 84), g3: tf.variable(tf.zeros([10])),
  };
  const x = tf.randomNormal([BATCH, 28, 28, 1], 0, 1, 'float32', 2) as T4; // NHWC, tfjs's layout
  const y = tf.oneHot(tf.tensor1d(Int32Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10);
  const opt = tf.train.sgd(LR);
  const v = vars;
  return {
    step: () => {
      opt.minimize(() => {
        const conv = (h: T4, k: T4, b: Tf.Tensor1D, pad: 'same' | 'valid'): T4 => tf.maxPool(tf.relu(tf.add(tf.conv2d(h, k, 1, pad), b)) as T4, 2, 2, 'valid');
        const h = conv(conv(x, v.c1 as T4, v.b1 as Tf.Tensor1D, 'same'), v.c2 as T4, v.b2 as Tf.Tensor1D, 'valid');
        const dense = (z: T2, w: Tf.Variable, b: Tf.Variable, relu: boolean): T2 => {
          const a = tf.add(tf.matMul(z, w as T2), b) as T2;
          return relu ? tf.relu(a) : a;
        };
        const z = dense(dense(dense(tf.reshape(h, [BATCH, 400]), v.f1, v.g1, true), v.f2, v.g2, true), v.f3, v.g3, false);
        return tf.losses.softmaxCrossEntropy(y, z) as Tf.Scalar;
      });
    },
    dispose: () => {
      for (const t of [...Object.values(vars), x, y]) t.dispose();
      opt.dispose();
    },
  };
}

export async function benchLenet(o: { reps: number; quick: boolean; tfjs: TfjsPeer | null; peers: boolean }): Promise<Section> {
  const values: Record<string, number | null> = {};
  const notes: string[] = [];
  const rate = (sec: number): number => BATCH / sec;
  values['laelab'] = rate(time(laelabStep(), o.reps, 0.5).median);
  const prev = setKernelOptions({ threads: 1 });
  values['laelab-1t'] = rate(time(laelabStep(), o.reps, 0.5).median);
  setKernelOptions(prev);
  if (o.tfjs) {
    for (const backend of ['cpu', 'wasm']) {
      if (!(await useBackend(o.tfjs, backend))) {
        values[`tfjs-${backend}`] = null;
        continue;
      }
      const t = tfjsStep(o.tfjs);
      values[`tfjs-${backend}`] = rate(time(t.step, o.reps, 0.5).median);
      t.dispose();
    }
  }
  if (o.peers) {
    const torch = probeTorch();
    if ('skipped' in torch) notes.push(torch.skipped);
    else {
      const out = runTorchScript<{ torch: string; results: { dtype: string; threads: number; samples_per_second: number }[] }>(torch.python, 'torch_lenet.py',
        { batch: BATCH, steps: o.quick ? 10 : 30, reps: o.reps, dtypes: ['float64', 'float32'], threads: [1, 2] });
      const pick = (dtype: string, threads?: number): number => Math.max(...out.results.filter((r) => r.dtype === dtype && (threads === undefined || r.threads === threads)).map((r) => r.samples_per_second));
      values['torch-f64-1t'] = pick('float64', 1);
      values['torch-f64'] = pick('float64');
      values['torch-f32'] = pick('float32');
      notes.push(`PyTorch ${out.torch} (${torch.python}), LeNet samples/s: ${out.results.map((r) => `${r.dtype} ${r.threads} thread${r.threads > 1 ? 's' : ''} ${r.samples_per_second.toFixed(0)}`).join(', ')}; the PyTorch columns are its best thread count, "PyTorch f64 1 thread" the single-thread float64 run`);
    }
  }
  console.error(`  LeNet-5 training: laelab ${values['laelab']!.toFixed(0)} samples/s`);
  const figure: Figure = { section: 'lenet', name: `LeNet-5 training, batch ${BATCH}, SGD`, unit: 'samples/s', higherIsBetter: true, values };
  return { id: 'lenet', title: 'LeNet-5 training throughput (samples/s, higher is better)', figures: [figure], notes };
}
