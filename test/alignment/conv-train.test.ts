import { describe, expect, it } from 'vitest';
import { AlignmentTrainer, BUILTIN_RULES, kolenPollack } from '../../src/alignment/index.js';
import { ActivationModule, Conv2d, Dense, Flatten, Network, Residual } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { noGrad, randn } from '../../src/tensor/index.js';

/** conv → relu → residual(conv) → conv stride 2 → flatten → dense: every kind of feedback layer path. */
function tinyConvNet(seed: number): Network {
  const r = new Rng(`tiny-${seed}`);
  return new Network('tiny', [
    new Conv2d({ inChannels: 1, outChannels: 3, kernel: 3, padding: 1, rng: r.fork('c1'), name: 'c1' }),
    new ActivationModule('relu'),
    new Residual('res', new Conv2d({ inChannels: 3, outChannels: 3, kernel: 3, padding: 1, rng: r.fork('c2'), name: 'c2' }), null),
    new Conv2d({ inChannels: 3, outChannels: 4, kernel: 2, stride: 2, rng: r.fork('c3'), name: 'c3' }),
    new ActivationModule('relu'),
    new Flatten(),
    new Dense({ inputSize: 4 * 3 * 3, outputSize: 3, rng: r.fork('fc'), name: 'fc' }),
  ], [1, 6, 6], 3);
}

const rng = new Rng('conv-train');
const x = randn([8, 1, 6, 6], rng);
const y = [0, 1, 2, 0, 1, 2, 0, 1];

describe('every built-in rule trains a conv net with a skip connection', () => {
  for (const rule of BUILTIN_RULES) {
    it(`${rule.name}: finite losses, angles in [0°, 180°], B shapes per layer`, () => {
      const net = tinyConvNet(1);
      const trainer = new AlignmentTrainer(net, rule, { rng: new Rng(2), optimizer: 'sgd', lr: 0.05, momentum: 0.9 });
      const losses = Array.from({ length: 5 }, () => trainer.step(x, y));
      expect(losses.every(Number.isFinite)).toBe(true);
      const m = trainer.measureAlignment(x, y);
      expect(m.signalAngles).toHaveLength(3);
      for (const a of [...m.signalAngles, ...m.weightAngles.filter((v): v is number => v !== null)]) expect(a >= 0 && a <= 180).toBe(true);
      const shapes = trainer.layers.map((l) => l.B.shape);
      if (rule.signal === 'direct') expect(shapes).toEqual([[36, 3], [108, 3], [108, 3], [36, 3]]); // input features × classes
      else expect(shapes).toEqual([[9, 3], [27, 3], [12, 4], [36, 3]]); // (C_in·kh·kw) × C_out, n_in × n_out
      if (rule.name === 'backprop') expect(m.signalAngles.every((a) => a < 1e-4)).toBe(true); // rounding only
    });
  }

  it('Kolen-Pollack on conv layers: ‖W − Bᵀ‖ shrinks by exactly (1 − ηλ) per plain SGD step', () => {
    const net = tinyConvNet(3);
    const [eta, lambda] = [0.05, 0.5];
    const trainer = new AlignmentTrainer(net, kolenPollack.with({ lambda }), { rng: new Rng(4), optimizer: 'sgd', lr: eta, trainInputFeedback: true });
    const gap = (): number[] => trainer.layers.map((l) => Math.sqrt(noGrad(() => l.W.sub(l.B.transpose()).sumSquares().item())));
    const before = gap();
    trainer.step(x, y);
    gap().forEach((g, i) => expect(g / before[i]!).toBeCloseTo(1 - eta * lambda, 12));
  });
});
