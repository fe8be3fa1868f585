import { describe, expect, it } from 'vitest';
import {
  AlignmentTrainer,
  BUILTIN_RULES,
  batchRandomSignFeedback,
  defineRule,
  directFeedbackAlignment,
  feedbackAlignment,
  fixedRandomSignFeedback,
  getRule,
  Primitives,
  registerRule,
  ruleNames,
  trainNetwork,
  uniformSignFeedback,
  weightMirror,
  type Split,
} from '../../src/alignment/index.js';
import { loadMnist, splitIndices } from '../../src/data/index.js';
import { buildMlp, fitStandardizer } from '../../src/nn/index.js';
import { Rng } from '../../src/random/rng.js';
import { DivergenceError, matmul, noGrad, randn, type Tensor } from '../../src/tensor/index.js';
import { syntheticClasses } from './helpers.js';

/** 1,500 training and 500 test digits, standardised. */
function mnistSubset(): { train: Split; test: Split } {
  const { images, labels } = loadMnist();
  const [tr, te] = splitIndices(images.rows, [1500, 500], new Rng('rules-test'));
  const std = fitStandardizer(images.gatherRows(tr!));
  const part = (ix: Int32Array): Split => ({ x: std(images.gatherRows(ix)), y: Array.from(ix, (i) => labels[i]!) });
  return { train: part(tr!), test: part(te!) };
}

const close = (a: Tensor, b: Tensor, tol = 1e-13): void => {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.size; i++) expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThanOrEqual(tol);
};

describe('every built-in rule trains a small network on MNIST above chance', () => {
  const data = mnistSubset();
  for (const rule of BUILTIN_RULES) {
    it(`${rule.name}: test accuracy > 50 % after 3 epochs (chance 10 %)`, () => {
      const result = trainNetwork({
        network: buildMlp({ sizes: [784, 32, 32, 10], activation: 'relu', rng: new Rng(1) }),
        rule,
        ...data,
        epochs: 3,
        batchSize: 32,
        lr: 2e-3,
        feedbackLr: 0.01,
        rng: new Rng(2),
      });
      expect(result.epochs).toHaveLength(4);
      expect(result.final.testAccuracy!).toBeGreaterThan(0.5);
      expect(result.final.signalAngles).toHaveLength(2);
      expect(result.final.weightAngles).toHaveLength(3);
    });
  }
});

describe('what each rule sends down', () => {
  const rng = new Rng(3);
  const x = randn([8, 5], rng);
  const y = [0, 1, 2, 0, 1, 2, 0, 1];
  const dtanh = (h: Tensor): Tensor => noGrad(() => h.square().neg().add(1));

  it('FA: δ_{l−1} = (δ_l B_lᵀ) ⊙ f′(a_{l−1}); DFA: δ_l = (e B_{l+1}ᵀ) ⊙ f′(a_l) with e the output error', () => {
    for (const rule of [feedbackAlignment, directFeedbackAlignment]) {
      const net = buildMlp({ sizes: [5, 6, 4, 3], activation: 'tanh', rng: new Rng(4) });
      const trainer = new AlignmentTrainer(net, rule, { rng: new Rng(5), lr: 0.1 });
      const { deltas } = trainer.gradients(x, y);
      const [L1, L2, L3] = net.layers;
      const h1 = noGrad(() => matmul(x, L1!.W, { transposeB: true }).add(L1!.b).tanh());
      const h2 = noGrad(() => matmul(h1, L2!.W, { transposeB: true }).add(L2!.b).tanh());
      if (rule === directFeedbackAlignment) expect(L2!.B.shape).toEqual([6, 3]);
      const e = deltas[2]!;
      const d2 = noGrad(() => matmul(e, L3!.B, { transposeB: true }).mul(dtanh(h2)));
      close(deltas[1]!, d2);
      const carried = rule === directFeedbackAlignment ? e : deltas[1]!;
      const d1 = noGrad(() => matmul(carried, L2!.B, { transposeB: true }).mul(dtanh(h1)));
      close(deltas[0]!, d1);
      // ∇W = δᵀx (batch mean is inside δ)
      close(L1!.W.grad!, matmul(deltas[0]!, x, { transposeA: true }));
    }
  });

  it('sign symmetry: uSF = s·sign(W)ᵀ; frSF keeps |M| fixed; brSF redraws |M| every batch', () => {
    const net = () => buildMlp({ sizes: [5, 6, 4, 3], activation: 'tanh', rng: new Rng(6) });
    const signT = (W: Tensor): number[] => Array.from(noGrad(() => W.transpose()).data, Math.sign);
    const a = net();
    new AlignmentTrainer(a, uniformSignFeedback, { rng: new Rng(7), lr: 0.1 }).gradients(x, y);
    const L2 = a.layers[1]!;
    const s = L2.initHalfWidth / Math.sqrt(3);
    expect(Array.from(L2.B.data)).toEqual(signT(L2.W).map((v) => v * s));

    const b = net();
    const fr = new AlignmentTrainer(b, fixedRandomSignFeedback, { rng: new Rng(7), lr: 0.1 });
    fr.step(x, y);
    const first = Array.from(b.layers[1]!.B.data, Math.abs);
    fr.step(x, y);
    expect(Array.from(b.layers[1]!.B.data, Math.abs)).toEqual(first);
    expect(Array.from(b.layers[1]!.B.data, Math.sign)).toEqual(signT(b.layers[1]!.W.detach().sub(0)).map((v, i) => v || Math.sign(b.layers[1]!.B.data[i]!)));
    expect(first).toEqual(Array.from(fr.initialFeedback[1]!.data, Math.abs));

    const c = net();
    const br = new AlignmentTrainer(c, batchRandomSignFeedback, { rng: new Rng(7), lr: 0.1 });
    br.gradients(x, y);
    const m1 = Array.from(c.layers[1]!.B.data, Math.abs);
    br.gradients(x, y);
    const m2 = Array.from(c.layers[1]!.B.data, Math.abs);
    expect(m2).not.toEqual(m1);
    expect(Array.from(c.layers[1]!.B.data, Math.sign)).toEqual(signT(c.layers[1]!.W));
  });

  it('weight mirror: the gradient step on B is β·mean ξ(Wξ)ᵀ − 2αB on the injected noise ξ', () => {
    const r = new Rng(8);
    const W = randn([4, 6], r);
    const B = randn([6, 4], r).param();
    const xi = randn([10, 6], r);
    const { alpha, beta } = weightMirror.coefficients;
    weightMirror.feedbackLoss!(new Primitives(randn([10, 6], r), W, B), { layer: 1, layers: 1, step: 0, rng: r, noise: () => xi }).backward();
    const hebb = matmul(xi, matmul(xi, W, { transposeB: true }), { transposeA: true }).mul(beta! / 10); // β mean ξ(Wξ)ᵀ
    close(B.grad!.neg(), hebb.sub(B.detach().mul(2 * alpha!)), 1e-14);
  });
});

describe('plug-in rules', () => {
  // A rule written by a user: B starts at zero and learns the SA loss with its own coefficient names.
  const zeroStartMirror = defineRule({
    name: 'zero-start-sa',
    label: 'SA from B = 0 (plug-in)',
    summary: 'B starts at 0 and follows λ‖Wᵀ − B‖² (decay + self).',
    feedback: 'learned',
    coefficients: { strength: 1e-3 },
    init: (ctx) => noGrad(() => ctx.random().mul(0)),
    feedbackLoss: (p, c) => p.decay().mul(c.strength).add(p.self().mul(2 * c.strength)),
  });

  it('a rule defined in the test file trains through trainNetwork and through the registry by name', () => {
    const { train, test } = syntheticClasses(new Rng(9), 800, 20, 4, 0.6);
    registerRule(zeroStartMirror);
    registerRule(zeroStartMirror); // same object again: fine
    expect(ruleNames()).toContain('zero-start-sa');
    expect(getRule('zero-start-sa')).toBe(zeroStartMirror);
    const result = trainNetwork({ network: buildMlp({ sizes: [20, 24, 24, 4], activation: 'relu', rng: new Rng(10) }), rule: 'zero-start-sa', train, test, epochs: 4, batchSize: 20, lr: 3e-3, feedbackLr: 0.01, rng: new Rng(11) });
    expect(result.epochs[0]!.weightAngles[1]).toBe(90); // B = 0: no direction yet
    expect(result.final.weightAngles[1]!).toBeLessThan(10);
    expect(result.final.testAccuracy!).toBeGreaterThan(0.5);
    expect(() => registerRule(defineRule({ name: 'zero-start-sa', summary: 'another', feedback: 'fixed' }))).toThrow(/already registered/);
    expect(() => getRule('nope')).toThrow(/unknown learning rule "nope"; registered: aa, backprop, brsf, dfa, fa/);
  });

  it('defineRule refuses inconsistent definitions and unknown coefficients', () => {
    const base = { name: 'x', summary: 's' } as const;
    expect(() => defineRule({ ...base, name: 'Bad Name', feedback: 'fixed' })).toThrow(/name "Bad Name"/);
    expect(() => defineRule({ ...base, feedback: 'derived' })).toThrow(/a 'derived' rule needs derive/);
    expect(() => defineRule({ ...base, feedback: 'fixed', derive: (W) => W })).toThrow(/derive\(\) is only for 'derived' rules/);
    expect(() => defineRule({ ...base, feedback: 'learned' })).toThrow(/needs feedbackLoss and\/or transposedUpdate/);
    expect(() => defineRule({ ...base, feedback: 'fixed', feedbackLoss: (p) => p.decay() })).toThrow(/need feedback 'learned'/);
    expect(() => defineRule({ ...base, feedback: 'derived', signal: 'direct', derive: (W) => W })).toThrow(/'direct' signal is supported with fixed feedback only/);
    expect(() => defineRule({ ...base, feedback: 'fixed', coefficients: { a: Number.NaN } })).toThrow(/coefficient "a" must be a finite number/);
    expect(() => weightMirror.with({ gamma: 1 } as never)).toThrow(/unknown coefficient "gamma"; it has alpha, beta, noise/);
    expect(weightMirror.with({ beta: 5 }).coefficients).toEqual({ alpha: 1e-3, beta: 5, noise: 1 });
    const wrongShape = defineRule({ ...base, name: 'wrong-shape', feedback: 'fixed', init: (ctx) => randn([ctx.shape[1], ctx.shape[0] + 1], ctx.rng) });
    expect(() => new AlignmentTrainer(buildMlp({ sizes: [3, 2, 2], activation: 'relu', rng: new Rng(0) }), wrongShape, { rng: new Rng(0), lr: 0.1 })).toThrow(/init returned B of shape \[2, 4\] for layer 1, expected \[3, 2\]/);
  });
});

describe('divergence stop', () => {
  const { train } = syntheticClasses(new Rng(12), 200, 6, 3);
  it('a non-finite task loss stops training with the epoch and step', () => {
    const bad: Split = { x: noGrad(() => train.x.mul(1)), y: train.y };
    bad.x.data[3 * 6 + 2] = Number.NaN; // row 3
    const run = () => trainNetwork({ network: buildMlp({ sizes: [6, 5, 5, 3], activation: 'tanh', rng: new Rng(0) }), rule: 'backprop', train: bad, epochs: 2, batchSize: 10, lr: 0.01, rng: new Rng(1) });
    expect(run).toThrow(DivergenceError);
    expect(run).toThrow(/^epoch 1, step \d+: the task loss is NaN; training diverged/);
  });
  it('a non-finite weight or gradient stops training naming the epoch, the step and the layer', () => {
    const nanLoss = defineRule({ name: 'sqrt-loss', summary: 'a broken local loss: √B is NaN for negative entries', feedback: 'learned', feedbackLoss: (p) => p.B.sqrt().sum() });
    try {
      trainNetwork({ network: buildMlp({ sizes: [6, 5, 5, 3], activation: 'relu', rng: new Rng(0) }), rule: nanLoss, train, epochs: 1, batchSize: 10, lr: 0.01, rng: new Rng(1) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DivergenceError);
      expect((err as Error).message).toMatch(/^epoch 1, layer 1: step 1: (value|gradient) of "layer1\.B" \[6, 5\] is not finite \(NaN at flat index \d+\)/);
      expect((err as DivergenceError).step).toBe(1);
      expect((err as DivergenceError).parameter).toBe('layer1.B');
    }
  });
});
