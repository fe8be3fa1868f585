import { describe, expect, it } from 'vitest';
import { AlignmentTrainer, BUILTIN_RULES } from '../../src/alignment/index.js';
import { lenet5, resnet } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { noGrad, randn } from '../../src/tensor/index.js';

const rng = new Rng('arch');

describe('architectures', () => {
  it('LeNet-5 on 28×28: 5 feedback layers, 400 flattened features, logits N × classes', () => {
    const net = lenet5({ inputShape: [1, 28, 28], classes: 10, rng: new Rng(1) });
    expect(net.feedbackLayers().map((l) => [l.name, l.W.shape])).toEqual([
      ['conv1', [6, 25]], ['conv2', [16, 150]], ['fc1', [120, 400]], ['fc2', [84, 120]], ['fc3', [10, 84]],
    ]);
    expect(noGrad(() => net.forward(randn([2, 1, 28, 28], rng))).shape).toEqual([2, 10]);
    expect(() => lenet5({ inputShape: [1, 8, 8], classes: 10, rng })).toThrow(/lenet5: a 8×8 input is too small/);
  });

  it('ResNet-(6n+2): 28×28 and 32×32 inputs, depth 8 and 14, stride-2 projection shortcuts', () => {
    for (const [shape, depth] of [[[1, 28, 28], 8], [[3, 32, 32], 14]] as const) {
      const net = resnet({ inputShape: shape, classes: 10, depth, width: 4, rng: new Rng(2) });
      const n = (depth - 2) / 6;
      // stem + 2 convs per block + 2 projections + the classifier
      expect(net.feedbackLayers()).toHaveLength(1 + 6 * n + 2 + 1);
      expect(net.feedbackLayers().filter((l) => l.name.endsWith('.proj')).map((l) => l.W.shape)).toEqual([[8, 4], [16, 8]]);
      expect(noGrad(() => net.forward(randn([2, ...shape], rng))).shape).toEqual([2, 10]);
      expect(net.buffers()).toHaveLength(2 * (1 + 6 * n + 2));
    }
    expect(() => resnet({ inputShape: [1, 28, 28], classes: 10, depth: 10, rng })).toThrow(/resnet: depth must be 6n \+ 2/);
  });

  const x = randn([4, 1, 28, 28], new Rng('arch-x'));
  const y = [0, 1, 2, 3];
  for (const [label, build] of [
    ['LeNet-5', () => lenet5({ inputShape: [1, 28, 28], classes: 10, rng: new Rng(3) })],
    ['ResNet-8 (width 2)', () => resnet({ inputShape: [1, 28, 28], classes: 10, depth: 8, width: 2, rng: new Rng(3) })],
  ] as const) {
    it(`all ${BUILTIN_RULES.length} built-in rules train ${label} (two steps, finite loss, angles in range)`, () => {
      for (const rule of BUILTIN_RULES) {
        const trainer = new AlignmentTrainer(build(), rule, { rng: new Rng(4), optimizer: 'sgd', lr: 0.01, momentum: 0.9 });
        for (let s = 0; s < 2; s++) expect(Number.isFinite(trainer.step(x, y)), rule.name).toBe(true);
        const m = trainer.measureAlignment(x, y);
        for (const a of [...m.signalAngles, ...m.weightAngles.filter((v): v is number => v !== null)]) expect(a >= 0 && a <= 180, rule.name).toBe(true);
        if (rule.name === 'backprop') expect(Math.max(...m.signalAngles)).toBeLessThan(1e-4); // rounding only
      }
    });
  }
});
