/**
 * Training with a learning rule: the forward pass is the tensor core; the backward pass of the task
 * loss is explicit, layer by layer (δ_L = ∂loss/∂a_L, ∇W = δᵀx, δ_prev = signal ⊙ f'(a_prev)), so
 * that a rule can replace Wᵀδ by Bδ or by DFA's B_l e. Feedback weights are then derived, kept, or
 * trained on the rule's local loss (autograd in B with x and W detached) and/or KP's transposed update.
 */
import { Adam, SGD, type Optimizer } from '../optim/index.js';
import type { Rng } from '../random/rng.js';
import { DivergenceError, matmul, noGrad, randn, type Tensor } from '../tensor/index.js';
import { scale } from '../tensor/kernels/index.js';
import { accuracy, crossEntropy, uniformInit, type LayerTrace, type Mlp } from '../nn/index.js';
import { normRatio, vectorAngle, weightAngle } from './metrics.js';
import { Primitives } from './primitives.js';
import { getRule } from './registry.js';
import type { LayerInfo, LearningRule } from './rule.js';

/** Rows of inputs with their integer labels. */
export interface Split {
  readonly x: Tensor;
  readonly y: ArrayLike<number>;
}

export type OptimizerKind = 'adam' | 'sgd';

export interface TrainerOptions {
  /** Batch order, the rule's random streams (noise, redrawn magnitudes) and DFA's matrices. */
  rng: Rng;
  /** Default 'adam'. */
  optimizer?: OptimizerKind;
  /** Learning rate of W and b. */
  lr: number;
  /** Learning rate of B trained on a local loss; default `lr`. KP's B always uses `lr`. */
  feedbackLr?: number;
  /** Heavy-ball momentum for SGD; default 0 (plain SGD). */
  momentum?: number;
  /** Adam's time decay of both learning rates: lr_t = lr/(1 + lrDecay·t); default 0. */
  lrDecay?: number;
  /**
   * Train the first layer's B too (learned rules). Nothing uses it (no signal goes below the
   * input), so it only matters for the reported layer-1 angle, which is null without it; default true.
   */
  trainInputFeedback?: boolean;
}

/** Alignment of a network at one moment (see AlignmentTrainer.measureAlignment). */
export interface AlignmentMeasure {
  /** ∠(W_lᵀ, B_l) per layer, degrees; null where not meaningful. */
  readonly weightAngles: (number | null)[];
  /** ∠(delivered δ, backprop δ) per hidden layer, degrees. */
  readonly signalAngles: number[];
  /** ‖B_l‖/‖W_l‖ per layer; null where the weight angle is. */
  readonly normRatios: (number | null)[];
}

/** Gradients of one batch: the task loss and the δ = ∂L/∂a each layer used (index 0 = layer 1). */
export interface BatchGradients {
  readonly loss: number;
  readonly deltas: readonly Tensor[];
}

function makeOptimizer(kind: OptimizerKind, params: Tensor[], lr: number, momentum: number, decay: number): Optimizer {
  if (kind === 'sgd' && decay !== 0) throw new RangeError(`lrDecay is an Adam option; got ${decay} with SGD`);
  return kind === 'adam' ? new Adam(params, { lr, decay }) : new SGD(params, { lr, momentum });
}

/** A network trained by one learning rule; holds the optimizers and the rule's random streams. */
export class AlignmentTrainer {
  readonly net: Mlp;
  readonly rule: LearningRule;
  /** Steps taken so far. */
  steps = 0;
  /** Epoch number used in divergence messages (set by `train`). */
  epoch = 0;
  /** B of each layer as `init` made it (frSF's magnitudes). */
  readonly initialFeedback: readonly Tensor[];
  readonly #forward: Optimizer;
  readonly #feedback: Optimizer | undefined;
  readonly #ruleRng: readonly Rng[];
  readonly #evalRng: readonly Rng[];
  readonly #trained: readonly boolean[];
  readonly #lr: number;
  readonly #lrDecay: number;

  constructor(net: Mlp, rule: LearningRule | string, options: TrainerOptions) {
    this.net = net;
    this.rule = typeof rule === 'string' ? getRule(rule) : rule;
    const { rng, optimizer = 'adam', lr, momentum = 0, lrDecay = 0 } = options;
    this.#lr = lr;
    this.#lrDecay = lrDecay;
    // KP: B must take W's optimizer step transposed, so it gets W's learning rate.
    const feedbackLr = this.rule.transposedUpdate ? lr : (options.feedbackLr ?? lr);
    const L = net.layers.length;
    const r = this.rule;
    this.#ruleRng = net.layers.map((_, l) => rng.fork(`rule/${r.name}/layer${l + 1}`));
    this.#evalRng = net.layers.map((_, l) => rng.fork(`eval/${r.name}/layer${l + 1}`));
    const classes = net.sizes[L]!;
    this.initialFeedback = net.layers.map((layer, l) => {
      const shape = [layer.inputSize, r.signal === 'direct' ? classes : layer.outputSize] as const;
      const initRng = rng.fork(`init/${r.name}/layer${l + 1}`);
      const B = r.init({
        layer: l + 1,
        layers: L,
        W: layer.W,
        shape,
        halfWidth: layer.initHalfWidth,
        rng: initRng,
        random: () => (shape[1] === layer.B.cols ? layer.B.clone() : uniformInit(shape, layer.initHalfWidth, initRng)),
      });
      if (B.rows !== shape[0] || B.cols !== shape[1]) throw new RangeError(`rule "${r.name}": init returned B of shape [${B.shape.join(', ')}] for layer ${l + 1}, expected [${shape.join(', ')}]`);
      return B.detach().clone();
    });
    net.layers.forEach((layer, l) => {
      layer.B = this.initialFeedback[l]!.clone();
      layer.B.name = `${layer.name}.B`;
    });
    this.#trained = net.layers.map((_, l) => r.learnsFeedback && (l > 0 || options.trainInputFeedback !== false));
    const learned = net.layers.filter((_, l) => this.#trained[l]).map((layer) => layer.B.param(`${layer.name}.B`));
    this.#forward = makeOptimizer(optimizer, net.parameters(), lr, momentum, lrDecay);
    this.#feedback = learned.length > 0 ? makeOptimizer(optimizer, learned, feedbackLr, momentum, lrDecay) : undefined;
    this.#derive(this.#evalRng, true);
  }

  /**
   * Re-derives B from the current W ('derived' rules): every layer, or (during training) only the
   * layers whose B carries a signal (layer 1's B would send δ to the input, which nobody uses).
   */
  #derive(rngs: readonly Rng[], all: boolean): void {
    const { derive } = this.rule;
    if (derive === undefined) return;
    const L = this.net.layers.length;
    noGrad(() => this.net.layers.forEach((layer, l) => {
      if (l === 0 && !all) return;
      const B = derive(layer.W, { layer: l + 1, layers: L, step: this.steps, initial: this.initialFeedback[l]!, halfWidth: layer.initHalfWidth, rng: rngs[l]! });
      if (B.rows !== layer.inputSize || B.cols !== layer.outputSize) throw new RangeError(`rule "${this.rule.name}": derive returned B of shape [${B.shape.join(', ')}] for layer ${l + 1}, expected [${layer.inputSize}, ${layer.outputSize}]`);
      layer.B = B.detach();
      layer.B.name = `${layer.name}.B`;
    }));
  }

  /**
   * δ of every layer for traces whose top δ is `top`: layer l sends `signal` down to h_{l−1} and
   * δ_{l−1} = signal ⊙ f'(a_{l−1}). `feedback(l)` gives the matrix used in place of W_lᵀ
   * (n_{l−1} × n_l), or with `direct` the matrix (n_{l−1} × classes) that carries the output error.
   */
  static propagate(traces: readonly LayerTrace[], top: Tensor, feedback: (l: number) => Tensor, direct: boolean): Tensor[] {
    const L = traces.length;
    const deltas: Tensor[] = new Array<Tensor>(L);
    deltas[L - 1] = top;
    for (let l = L - 1; l > 0; l--) {
      const carried = direct ? top : deltas[l]!;
      const signal = noGrad(() => matmul(carried, feedback(l), { transposeB: true }));
      const below = traces[l - 1]!;
      below.preactivation.grad = null;
      below.output.backward(signal);
      deltas[l - 1] = below.preactivation.grad!;
    }
    return deltas;
  }

  /** Forward traces and the top δ = ∂loss/∂logits on a batch. */
  #forwardPass(x: Tensor, y: ArrayLike<number>): { traces: LayerTrace[]; loss: number; top: Tensor } {
    const traces = this.net.trace(x);
    const logits = traces[traces.length - 1]!.preactivation;
    logits.grad = null;
    const loss = crossEntropy(logits, y);
    loss.backward();
    return { traces, loss: loss.item(), top: logits.grad! };
  }

  /**
   * Sets the gradients of one batch without updating anything: W.grad, b.grad (task, plus the
   * rule's weight decay) and, for learned rules, B.grad (local loss, plus W's task gradient
   * transposed for KP). 'derived' B are re-derived from the current W first.
   */
  gradients(x: Tensor, y: ArrayLike<number>): BatchGradients {
    this.#derive(this.#ruleRng, false);
    const { traces, loss, top } = this.#forwardPass(x, y);
    const { layers } = this.net;
    const direct = this.rule.signal === 'direct';
    const deltas = AlignmentTrainer.propagate(traces, top, (l) => layers[l]!.B, direct);
    const taskGrads = noGrad(() => layers.map((layer, l) => {
      const delta = deltas[l]!;
      const gW = matmul(delta, traces[l]!.input, { transposeA: true });
      layer.W.grad = gW;
      layer.b.grad = delta.sum(0, true);
      return gW;
    }));
    if (this.rule.learnsFeedback) this.#feedbackGradients(traces, taskGrads, x.rows);
    return { loss, deltas };
  }

  #feedbackGradients(traces: readonly LayerTrace[], taskGrads: readonly Tensor[], batch: number): void {
    const { layers } = this.net;
    const L = layers.length;
    const { feedbackLoss, transposedUpdate } = this.rule;
    const trained = layers.map((_, l) => l).filter((l) => this.#trained[l]);
    for (const l of trained) layers[l]!.B.zeroGrad();
    if (feedbackLoss !== undefined) {
      let total: Tensor | undefined;
      for (const l of trained) {
        const layer = layers[l]!;
        const input = traces[l]!.input;
        const info: LayerInfo = { layer: l + 1, layers: L };
        const rng = this.#ruleRng[l]!;
        const R = feedbackLoss(new Primitives(input, layer.W.detach(), layer.B), {
          ...info,
          step: this.steps,
          rng,
          noise: (std) => randn([batch, layer.inputSize], rng, std),
        });
        total = total === undefined ? R : total.add(R);
      }
      total?.backward();
    }
    if (transposedUpdate) {
      noGrad(() => {
        for (const l of trained) {
          const B = layers[l]!.B;
          const t = taskGrads[l]!.transpose();
          B.grad = B.grad === null ? t : B.grad.add(t);
        }
      });
    }
  }

  /**
   * One optimisation step on a batch; returns the task loss before the step. The rule's weight
   * decay λ is applied first, W ← (1 − η_t λ)W (and B alike for KP), so that under plain SGD the
   * step is exactly ΔW = −η(∇W + λW), and under any optimizer W − Bᵀ shrinks by (1 − η_t λ).
   */
  step(x: Tensor, y: ArrayLike<number>): number {
    const { loss } = this.gradients(x, y);
    const step = this.steps + 1;
    if (!Number.isFinite(loss)) {
      this.#checkFinite(step); // names a layer if a weight is already non-finite
      throw new DivergenceError(`epoch ${this.epoch}, step ${step}: the task loss is ${loss}; training diverged (lower the learning rate)`, step, 'loss');
    }
    const lambda = this.rule.weightDecay;
    if (lambda > 0) {
      const shrink = 1 - this.#lrAt(this.steps) * lambda;
      for (const [l, layer] of this.net.layers.entries()) {
        scale(shrink, layer.W.data, layer.W.data);
        if (this.rule.transposedUpdate && this.#trained[l]) scale(shrink, layer.B.data, layer.B.data);
      }
    }
    this.#forward.step();
    this.#feedback?.step();
    this.steps = step;
    // A non-finite gradient makes the updated weight non-finite (SGD and Adam alike), so one scan
    // of the weights after the update catches both.
    this.#checkFinite(step);
    return loss;
  }

  /** The forward learning rate of step t + 1 (t steps taken): lr/(1 + lrDecay·t). */
  #lrAt(t: number): number {
    return this.#lr / (1 + this.#lrDecay * t);
  }

  /** Throws a DivergenceError naming the epoch, the step and the layer at the first non-finite weight. */
  #checkFinite(step: number): void {
    this.net.layers.forEach((layer, l) => {
      // derived and fixed B are not updated by a step (derived ones are recomputed from W)
      for (const p of this.#trained[l] ? [layer.W, layer.b, layer.B] : [layer.W, layer.b]) {
        try {
          p.assertFinite(step, 'value');
        } catch (err) {
          if (!(err instanceof DivergenceError)) throw err;
          throw new DivergenceError(`epoch ${this.epoch}, layer ${l + 1}: ${err.message}`, err.step, err.parameter);
        }
      }
    });
  }

  /**
   * Signal angle per hidden layer: the angle between the δ this rule delivers and the δ backprop
   * delivers (B := Wᵀ) on the same batch with the same weights. Derived B are re-derived from the
   * current W first (from an evaluation stream: training streams are not touched).
   */
  signalAngles(x: Tensor, y: ArrayLike<number>): number[] {
    this.#derive(this.#evalRng, true);
    return this.#signalAngles(x, y);
  }

  /** Weight angles, signal angles and norm ratios, all with the same (re-derived) B. */
  measureAlignment(x: Tensor, y: ArrayLike<number>): AlignmentMeasure {
    this.#derive(this.#evalRng, true);
    return { weightAngles: this.weightAngles(), signalAngles: this.#signalAngles(x, y), normRatios: this.normRatios() };
  }

  #signalAngles(x: Tensor, y: ArrayLike<number>): number[] {
    const { layers } = this.net;
    const first = this.#forwardPass(x, y);
    const delivered = AlignmentTrainer.propagate(first.traces, first.top, (l) => layers[l]!.B, this.rule.signal === 'direct');
    const second = this.#forwardPass(x, y);
    const exact = AlignmentTrainer.propagate(second.traces, second.top, (l) => noGrad(() => layers[l]!.W.transpose()), false);
    return delivered.slice(0, -1).map((d, l) => vectorAngle(d, exact[l]!));
  }

  /**
   * Whether layer l's (0-based) B means anything for the angle: not for DFA below the top layer
   * (B is not in Wᵀ's slot) nor for a learned rule's untrained layer-1 B.
   */
  #reported(l: number): boolean {
    if (this.rule.signal === 'direct') return l === this.net.layers.length - 1;
    return !this.rule.learnsFeedback || this.#trained[l]!;
  }

  /**
   * ∠(W_lᵀ, B_l) per layer in degrees for the current B; null where not meaningful (DFA below the
   * top, untrained layer-1 B). Layer 1's derived B is only refreshed by measureAlignment/signalAngles.
   */
  weightAngles(): (number | null)[] {
    return this.net.layers.map((layer, l) => (this.#reported(l) ? weightAngle(layer.W, layer.B) : null));
  }

  /** ‖B_l‖/‖W_l‖ per layer; null where the weight angle is. */
  normRatios(): (number | null)[] {
    return this.net.layers.map((layer, l) => (this.#reported(l) ? normRatio(layer.W, layer.B) : null));
  }

  /** Mean task loss and accuracy on a split, in chunks, without recording a graph. */
  evaluate(split: Split, chunk = 1000): { loss: number; accuracy: number } {
    const N = split.x.rows;
    let loss = 0;
    let correct = 0;
    noGrad(() => {
      for (let start = 0; start < N; start += chunk) {
        const end = Math.min(N, start + chunk);
        const logits = this.net.forward(split.x.sliceRows(start, end));
        const labels = Array.from({ length: end - start }, (_, i) => split.y[start + i]!);
        loss += crossEntropy(logits, labels).item() * (end - start);
        correct += accuracy(logits, labels) * (end - start);
      }
    });
    return { loss: loss / N, accuracy: correct / N };
  }
}
