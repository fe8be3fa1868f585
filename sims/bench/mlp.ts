/**
 * MLP training throughput (samples/s): 784-256-256-10, ReLU, softmax cross-entropy, at each batch
 * size (32, 64) with plain SGD (lr 0.01) and with Adam (lr 1e-3), on MNIST digits (the `mnist`
 * package); laelab and TensorFlow.js start from the same initial weights and see the same batches
 * (PyTorch: its default initialisation and seeded random batches, ./peers/torch_bench.py). One
 * sample = one image through one training step: forward, backward, update.
 */
import { Adam, SGD } from '../../src/optim/index.js';
import { Rng } from '../../src/random/rng.js';
import { fromData, type DType, type Tensor } from '../../src/tensor/index.js';
import { mnistBatches, type Batches } from './batches.js';
import { useBackend, type TfjsPeer } from './peers/tfjs.js';
import { addBestThreads, runTorch, torchColumn, type TorchPeer } from './peers/torch.js';
import { interleavedRounds, type PeerSample } from './rounds.js';
import { time } from './timing.js';
import type { Figure, Section } from './types.js';

const LAYERS = [784, 256, 256, 10];
const LR = { sgd: 0.01, adam: 1e-3 } as const;
export type MlpOptimizer = keyof typeof LR;

export interface MlpConfig {
  batch: number;
  optimizer: MlpOptimizer;
}

interface Problem extends Batches, MlpConfig {
  /** He-normal initial weights (in × out) and zero biases, per layer. */
  weights: Float64Array[];
}

function problem(c: MlpConfig, batches: number): Problem {
  const rng = new Rng('bench-mlp');
  const data = mnistBatches(rng, c.batch, batches);
  const weights = LAYERS.slice(1).map((out, l) => rng.fillNormal(new Float64Array(LAYERS[l]! * out), 0, Math.sqrt(2 / LAYERS[l]!)));
  return { ...c, ...data, weights };
}

/**
 * laelab: the tensor core's matmul, add (row broadcast), relu, softmaxCrossEntropy, SGD or Adam,
 * in float64 or (the same values rounded) float32.
 */
function laelabTrainer(p: Problem, dtype: DType = 'float64'): () => void {
  const W = p.weights.map((w, l) => fromData(w.slice(), [LAYERS[l]!, LAYERS[l + 1]!]).param(`W${l + 1}`).convertInPlace(dtype));
  const b = LAYERS.slice(1).map((n, l) => fromData(new Float64Array(n), [1, n]).param(`b${l + 1}`).convertInPlace(dtype));
  const params = [...W, ...b];
  const opt = p.optimizer === 'sgd' ? new SGD(params, { lr: LR.sgd }) : new Adam(params, { lr: LR.adam });
  const X = p.xs.map((x) => fromData(x, [p.batch, 784]).to(dtype));
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
  const opt = p.optimizer === 'sgd' ? tf.train.sgd(LR.sgd) : tf.train.adam(LR.adam);
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

/** The row label; batch 64 SGD is types.ts's MLP_REFERENCE. */
export function mlpName(c: MlpConfig): string {
  return `MLP 784-256-256-10 training, batch ${c.batch}, ${c.optimizer === 'sgd' ? 'SGD' : 'Adam'}`;
}

export interface MlpBenchOptions {
  reps: number;
  configs: readonly MlpConfig[];
  tfjs: TfjsPeer | null;
  torch: TorchPeer | null;
}

export async function benchMlp(o: MlpBenchOptions): Promise<Section> {
  const notes: string[] = [];
  const figures: Figure[] = [];
  const problems = o.configs.map((c) => problem(c, 16));
  // laelab's columns and PyTorch in interleaved rounds (./rounds.ts)
  let torchFailed = false;
  const peer = o.torch === null ? undefined : (): PeerSample[] => {
    if (torchFailed) return [];
    try {
      const results = runTorch(o.torch!, { reps: 1, minSeconds: 0.2, mlp: o.configs.map((c) => ({ ...c, layers: LAYERS })) });
      return results.map((r) => ({ row: r.index, column: torchColumn(r), seconds: r.median }));
    } catch (err) {
      torchFailed = true;
      notes.push(`PyTorch MLP peer failed: ${(err as Error).message}`);
      return [];
    }
  };
  if (o.torch) console.error('  MLP training, laelab and PyTorch in interleaved rounds …');
  const medians = interleavedRounds(problems.map((p) => [
    { column: 'laelab', step: laelabTrainer(p) },
    { column: 'laelab-f32', step: laelabTrainer(p, 'float32') },
    { column: 'laelab-1t', step: laelabTrainer(p), options: { threads: 1 } },
    { column: 'laelab-js', step: laelabTrainer(p), options: { backend: 'js' } },
  ]), o.reps, 0.2, peer);
  for (const [i, c] of o.configs.entries()) {
    const p = problems[i]!;
    const values: Record<string, number | null> = {};
    const rate = (sec: number): number => c.batch / sec;
    for (const [column, sec] of medians[i]!) values[column] = rate(sec);
    addBestThreads(values);
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
    console.error(`  ${mlpName(c)}: laelab ${values['laelab']!.toFixed(0)} samples/s (float32 ${values['laelab-f32']!.toFixed(0)})`);
    figures.push({ section: 'mlp', name: mlpName(c), unit: 'samples/s', higherIsBetter: true, values });
  }
  if (o.torch && !torchFailed) notes.push(`PyTorch MLP: nn.Linear/ReLU/CrossEntropyLoss, torch.optim.SGD (lr 0.01) or Adam (lr 1e-3), default init, seeded random batches; ${o.reps} rounds interleaved with laelab's columns, median`);
  return { id: 'mlp', title: 'MLP training throughput (samples/s, higher is better)', figures, notes };
}

/** The MLP rows of a full run (batch 32 and 64, SGD and Adam) and of --quick (batch 64 only). */
export function mlpConfigs(quick: boolean): MlpConfig[] {
  const batches = quick ? [64] : [32, 64];
  return batches.flatMap((batch) => (['sgd', 'adam'] as const).map((optimizer) => ({ batch, optimizer })));
}
