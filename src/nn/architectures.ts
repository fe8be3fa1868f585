/**
 * Architectures as plain constructors: LeNet-5 (LeCun et al. 1998, for 28×28 inputs) and the
 * CIFAR-style ResNet-(6n+2) of He et al. (2016, §4.2): a 3×3 stem, three stages of n basic blocks
 * at widths w, 2w, 4w (the first block of stages 2 and 3 halves the resolution with stride 2 and a
 * 1×1-conv + BatchNorm projection shortcut), global average pooling and a dense classifier.
 * Every layer draws from its own fork of `rng`, so the same seed gives the same weights whatever
 * the rule. The MLP is in ./mlp.ts.
 */
import type { Rng } from '../random/rng.js';
import { BatchNorm } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Dense } from './dense.js';
import { Network, Sequential, type Module } from './module.js';
import { GlobalAvgPool2d, MaxPool2d } from './pooling.js';
import { ActivationModule, Flatten, Residual } from './shape-modules.js';

export interface ImageNetOptions {
  /** One example: [channels, height, width], e.g. [1, 28, 28] (MNIST) or [3, 32, 32] (CIFAR-10). */
  inputShape: readonly [number, number, number];
  classes: number;
  rng: Rng;
}

function checkImage(what: string, [c, h, w]: readonly number[]): void {
  if (![c, h, w].every((d) => Number.isInteger(d) && d! >= 1)) throw new RangeError(`${what}: inputShape must be [channels, height, width] of positive integers, got [${[c, h, w].join(', ')}]`);
}

/**
 * LeNet-5 for 28×28 inputs: conv 6@5×5 (padding 2) → ReLU → max-pool 2 → conv 16@5×5 → ReLU →
 * max-pool 2 → flatten (16·5·5 = 400 for 28×28) → dense 120 → ReLU → 84 → ReLU → classes.
 * Other sizes work as long as the second convolution fits.
 */
export function lenet5(options: ImageNetOptions): Network {
  const { inputShape, classes, rng } = options;
  checkImage('lenet5', inputShape);
  const [c, h, w] = inputShape;
  const pooled = (n: number): number => Math.floor((Math.floor(n / 2) - 4) / 2);
  const [h2, w2] = [pooled(h), pooled(w)];
  if (h2 < 1 || w2 < 1) throw new RangeError(`lenet5: a ${h}×${w} input is too small (the second 5×5 convolution needs at least 12×12)`);
  const relu = (name: string): ActivationModule => new ActivationModule('relu', name);
  return new Network('lenet5', [
    new Conv2d({ inChannels: c, outChannels: 6, kernel: 5, padding: 2, rng: rng.fork('conv1'), name: 'conv1' }),
    relu('relu1'),
    new MaxPool2d(2, 2, 0, 'pool1'),
    new Conv2d({ inChannels: 6, outChannels: 16, kernel: 5, rng: rng.fork('conv2'), name: 'conv2' }),
    relu('relu2'),
    new MaxPool2d(2, 2, 0, 'pool2'),
    new Flatten(),
    new Dense({ inputSize: 16 * h2 * w2, outputSize: 120, activation: 'relu', rng: rng.fork('fc1'), name: 'fc1' }),
    new Dense({ inputSize: 120, outputSize: 84, activation: 'relu', rng: rng.fork('fc2'), name: 'fc2' }),
    new Dense({ inputSize: 84, outputSize: classes, rng: rng.fork('fc3'), name: 'fc3' }),
  ], inputShape, classes);
}

export interface ResNetOptions extends ImageNetOptions {
  /** 6n + 2 (8, 14, 20, 26, 32, …): n basic blocks per stage. */
  depth: number;
  /** Channels of the first stage; the stages have width, 2·width, 4·width (He et al.: 16). */
  width?: number;
}

/** conv 3×3 → BatchNorm, the unit of a basic block (the conv has no bias: BatchNorm's β is one). */
function convBn(name: string, cin: number, cout: number, kernel: number, stride: number, rng: Rng): Module[] {
  return [
    new Conv2d({ inChannels: cin, outChannels: cout, kernel, stride, padding: (kernel - 1) / 2, bias: false, rng: rng.fork(name), name }),
    new BatchNorm({ features: cout, name: `${name}.bn` }),
  ];
}

/** ResNet-(6n+2) for small images (see the module comment). */
export function resnet(options: ResNetOptions): Network {
  const { inputShape, classes, rng, depth, width = 16 } = options;
  checkImage('resnet', inputShape);
  if (!Number.isInteger(depth) || depth < 8 || (depth - 2) % 6 !== 0) throw new RangeError(`resnet: depth must be 6n + 2 with n ≥ 1 (8, 14, 20, 26, 32, …), got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`resnet: width must be a positive integer, got ${width}`);
  const n = (depth - 2) / 6;
  const modules: Module[] = [...convBn('stem', inputShape[0], width, 3, 1, rng), new ActivationModule('relu', 'stem.relu')];
  let cin = width;
  for (let stage = 0; stage < 3; stage++) {
    const cout = width * 2 ** stage;
    for (let block = 0; block < n; block++) {
      const name = `s${stage + 1}b${block + 1}`;
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const body = new Sequential(`${name}.body`, [
        ...convBn(`${name}.conv1`, cin, cout, 3, stride, rng),
        new ActivationModule('relu', `${name}.relu`),
        ...convBn(`${name}.conv2`, cout, cout, 3, 1, rng),
      ]);
      const shortcut = stride !== 1 || cin !== cout ? new Sequential(`${name}.shortcut`, convBn(`${name}.proj`, cin, cout, 1, stride, rng)) : null;
      modules.push(new Residual(name, body, shortcut, 'relu'));
      cin = cout;
    }
  }
  modules.push(new GlobalAvgPool2d(), new Dense({ inputSize: cin, outputSize: classes, rng: rng.fork('fc'), name: 'fc' }));
  return new Network(`resnet${depth}`, modules, inputShape, classes);
}
