import { describe, expect, it } from 'vitest';
import { AlignmentTrainer, informationAlignment, kolenPollack, symmetricAlignment } from '../../src/alignment/index.js';
import { buildMlp } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { randn } from '../../src/tensor/index.js';

const x = randn([32, 20], new Rng('noise-x'));
const y = Array.from({ length: 32 }, (_, i) => i % 4);

/** B's gradient of every layer after one batch, with the given noise level. */
function feedbackGrads(rule: typeof symmetricAlignment | typeof kolenPollack, sigma: number | undefined): ArrayLike<number>[] {
  const net = buildMlp({ sizes: [20, 30, 30, 4], activation: 'relu', rng: new Rng(1) });
  const trainer = new AlignmentTrainer(net, rule, { rng: new Rng(2), lr: 0.01, feedbackNoise: sigma });
  trainer.gradients(x, y);
  return trainer.layers.map((l) => l.B.grad!.data.slice());
}

describe('noisy feedback updates (feedbackNoise, Two Routes §5)', () => {
  for (const rule of [symmetricAlignment, informationAlignment, kolenPollack]) {
    it(`${rule.name}: σ = 0 changes nothing; σ = 0.5 adds noise of rms 0.5·rms(G_B) per layer`, () => {
      const clean = feedbackGrads(rule, undefined);
      expect(feedbackGrads(rule, 0)).toEqual(clean);
      const noisy = feedbackGrads(rule, 0.5);
      noisy.forEach((g, l) => {
        const c = clean[l]!;
        const rms = (v: ArrayLike<number>, w?: ArrayLike<number>): number => Math.sqrt(Array.from(v, (a, i) => (a - (w ? w[i]! : 0)) ** 2).reduce((s, q) => s + q, 0) / v.length);
        // 600–900 entries per layer: the sample rms of the noise is within 10 % of its std
        expect(rms(g, c) / rms(c)).toBeGreaterThan(0.45);
        expect(rms(g, c) / rms(c)).toBeLessThan(0.55);
      });
    });
  }

  it('refuses a negative or non-finite level', () => {
    const net = buildMlp({ sizes: [20, 4], activation: 'relu', rng: new Rng(1) });
    expect(() => new AlignmentTrainer(net, symmetricAlignment, { rng: new Rng(2), lr: 0.01, feedbackNoise: -1 })).toThrow(/feedbackNoise must be a finite number ≥ 0, got -1/);
  });
});
