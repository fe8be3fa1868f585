/**
 * Training in float32 (TrainerOptions.dtype, `--dtype float32` on the network sims) tracks the
 * float64 run of the same seed. The stated tolerance, per rule after 3 epochs of an MLP and 1 epoch
 * of LeNet-5 (320 digits) on MNIST: test accuracy within 1 point, test loss within 2 % (relative), every
 * weight angle within 1°. Measured: most rules agree to 1e-5 in the loss; the sign rules drift most,
 * because a weight near 0 can take the other sign in float32 (uSF, 3 epochs: loss 0.362 vs 0.357).
 */
import { describe, expect, it } from 'vitest';
import { AlignmentTrainer, BUILTIN_RULES, trainNetwork, type Split, type TrainResult } from '../../src/alignment/index.js';
import { loadMnist, splitIndices } from '../../src/data/index.js';
import { buildMlp, fitStandardizer, lenet5, type Network } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import type { DType } from '../../src/tensor/index.js';

const { images, labels } = loadMnist();
const [tr, te] = splitIndices(images.rows, [1500, 500], new Rng('dtype-test'));
const std = fitStandardizer(images.gatherRows(tr!));
const part = (ix: Int32Array, shape: number[]): Split => ({ x: std(images.gatherRows(ix)).reshape([ix.length, ...shape]), y: Array.from(ix, (i) => labels[i]!) });

function expectTracks(r32: TrainResult, r64: TrainResult): void {
  const [a, b] = [r32.final, r64.final];
  expect(Math.abs(a.testAccuracy! - b.testAccuracy!)).toBeLessThanOrEqual(0.01);
  expect(Math.abs(a.testLoss! - b.testLoss!)).toBeLessThanOrEqual(0.02 * b.testLoss!);
  b.weightAngles.forEach((angle, l) => {
    if (angle === null) return expect(a.weightAngles[l]).toBeNull();
    expect(Math.abs(a.weightAngles[l]! - angle)).toBeLessThanOrEqual(1);
  });
}

describe('a float32 run tracks the float64 run of the same seed', () => {
  const mlp = { train: part(tr!, [784]), test: part(te!, [784]) };
  for (const rule of BUILTIN_RULES) {
    it(`${rule.name}, MLP 784-64-64-10, 3 epochs: accuracy ±1 point, loss ±2 %, angles ±1°`, () => {
      const run = (dtype: DType): TrainResult => trainNetwork({
        network: buildMlp({ sizes: [784, 64, 64, 10], activation: 'relu', rng: new Rng(1) }),
        rule, ...mlp, epochs: 3, batchSize: 32, lr: 2e-3, feedbackLr: 0.01, rng: new Rng(2), dtype,
      });
      expectTracks(run('float32'), run('float64'));
    });
  }

  const images2d = { train: part(tr!.subarray(0, 320), [1, 28, 28]), test: part(te!.subarray(0, 200), [1, 28, 28]) };
  for (const rule of ['backprop', 'fa', 'kp', 'sa']) {
    it(`${rule}, LeNet-5, 1 epoch of 320 digits: the same tolerance`, () => {
      const run = (dtype: DType): TrainResult => trainNetwork({
        network: lenet5({ inputShape: [1, 28, 28], classes: 10, rng: new Rng(3) }),
        rule, ...images2d, epochs: 1, batchSize: 32, lr: 2e-3, feedbackLr: 0.01, rng: new Rng(4), dtype,
      });
      expectTracks(run('float32'), run('float64'));
    });
  }
});

describe('the float32 trainer keeps every tensor float32', () => {
  it('weights, biases, feedback matrices (derived and learned) and their gradients', () => {
    for (const rule of ['sa', 'kp', 'brsf', 'dfa']) {
      const net: Network = buildMlp({ sizes: [784, 16, 10], activation: 'relu', rng: new Rng(5) });
      const trainer = new AlignmentTrainer(net, rule, { rng: new Rng(6), lr: 1e-3, dtype: 'float32' });
      expect(trainer.dtype).toBe('float32');
      const batch = part(tr!.subarray(0, 32), [784]);
      trainer.step(batch.x, batch.y);
      trainer.gradients(batch.x, batch.y);
      for (const layer of trainer.layers) {
        for (const t of [layer.W, layer.b, layer.B]) expect(t.dtype).toBe('float32');
        expect(layer.W.grad!.dtype).toBe('float32');
        if (layer.B.grad !== null) expect(layer.B.grad.dtype).toBe('float32');
      }
    }
  });
});
