/**
 * Training with a learning rule: an optimizer loop over a network built of modules. The rule only
 * decides what each feedback layer's B is and how the layer's op sends the error down (through B
 * in W's place, or DFA's output error e through B_l; src/tensor/ops/feedback.ts): the autograd runs
 * the whole backward pass, for chains, convolutions and skip connections alike. Feedback weights
 * are then derived, kept, or trained on the rule's local loss (autograd in B with the layer's input
 * rows and W detached) and/or KP's transposed update.
 */
import { Adam, SGD, type Optimizer } from '../optim/index.js';
import type { Rng } from '../random/rng.js';
import { DivergenceError, ErrorTap, noGrad, randn, tapError, zeros, type DType, type Tensor } from '../tensor/index.js';
import { scale } from '../tensor/kernels/index.js';
import { accuracy, crossEntropy, uniformInit, type FeedbackLayer, type FeedbackMode, type Network } from '../nn/index.js';
import { normRatio, vectorAngle, weightAngle } from './metrics.js';
import { Primitives } from './primitives.js';
import { getRule } from './registry.js';
import type { LearningRule } from './rule.js';

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
  /**
   * Noisy feedback updates (Two Routes §5): Gaussian noise of this relative size is added to every
   * learned B's gradient, G_B ← G_B + σ·rms(G_B)·ξ with ξ ~ N(0, I) from its own stream; default 0.
   */
  feedbackNoise?: number;
  /**
   * The reference's formulation of the local losses (Neural-Alignment, Alignments/alignment.py and
   * flags.py): `bias` — both projections carry the layer's bias, a = Wx + b (default true, as
   * use_bias_forward/use_bias_backward); `centerInput` — each example's input minus its mean over
   * its features (center_input, default false); `updateForward` — the local loss also trains W
   * (update_forward, default false: only B learns from it).
   */
  alignment?: { readonly bias?: boolean; readonly centerInput?: boolean; readonly updateForward?: boolean };
  /**
   * Element type of training: the network is converted to it (`Network.to`), and so are every B a
   * rule makes and every batch; default the network's own (float64 unless converted). float32 runs
   * the f32x4 kernels, about twice as fast; float64 is the reference (test/alignment/dtype.test.ts).
   */
  dtype?: DType;
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

/** Gradients of one batch: the task loss and the δ = ∂L/∂(layer output) each feedback layer received (index 0 = layer 1). */
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
  readonly net: Network;
  readonly rule: LearningRule;
  /** The network's dense and conv layers in forward order; layer l (1-based) is layers[l − 1]. */
  readonly layers: readonly FeedbackLayer[];
  /** Element type of the weights, feedback matrices and batches. */
  readonly dtype: DType;
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
  readonly #tap = new ErrorTap();
  readonly #lr: number;
  readonly #lrDecay: number;
  readonly #feedbackNoise: number;
  readonly #noiseRng: readonly Rng[];
  readonly #alignment: Required<NonNullable<TrainerOptions['alignment']>>;

  constructor(net: Network, rule: LearningRule | string, options: TrainerOptions) {
    this.net = options.dtype === undefined ? net : net.to(options.dtype);
    this.dtype = this.net.dtype;
    this.rule = typeof rule === 'string' ? getRule(rule) : rule;
    const { rng, optimizer = 'adam', lr, momentum = 0, lrDecay = 0 } = options;
    this.#lr = lr;
    this.#lrDecay = lrDecay;
    // KP: B must take W's optimizer step transposed, so it gets W's learning rate.
    const feedbackLr = this.rule.transposedUpdate ? lr : (options.feedbackLr ?? lr);
    const layers = net.feedbackLayers();
    if (layers.length === 0) throw new RangeError(`AlignmentTrainer: network "${net.name}" has no dense or conv layer to train`);
    this.layers = layers;
    const L = layers.length;
    const r = this.rule;
    const direct = r.signal === 'direct';
    if (direct) this.#probeInputFeatures();
    this.#ruleRng = layers.map((_, l) => rng.fork(`rule/${r.name}/layer${l + 1}`));
    const { bias = true, centerInput = false, updateForward = false } = options.alignment ?? {};
    this.#alignment = { bias, centerInput, updateForward };
    this.#feedbackNoise = options.feedbackNoise ?? 0;
    if (!(Number.isFinite(this.#feedbackNoise) && this.#feedbackNoise >= 0)) throw new RangeError(`AlignmentTrainer: feedbackNoise must be a finite number ≥ 0, got ${this.#feedbackNoise}`);
    this.#noiseRng = layers.map((_, l) => rng.fork(`feedback-noise/${r.name}/layer${l + 1}`));
    this.#evalRng = layers.map((_, l) => rng.fork(`eval/${r.name}/layer${l + 1}`));
    this.initialFeedback = layers.map((layer, l) => {
      // DFA: B_l carries the output error to the layer's whole input (features × classes)
      const shape = [direct ? layer.inputFeatures! : layer.inputSize, direct ? net.classes : layer.outputSize] as const;
      const initRng = rng.fork(`init/${r.name}/layer${l + 1}`);
      const B = r.init({
        layer: l + 1,
        layers: L,
        W: layer.W,
        shape,
        halfWidth: layer.initHalfWidth,
        rng: initRng,
        random: () => (shape[0] === layer.B.rows && shape[1] === layer.B.cols ? layer.B.clone() : uniformInit(shape, layer.initHalfWidth, initRng)),
      });
      if (B.rows !== shape[0] || B.cols !== shape[1]) throw new RangeError(`rule "${r.name}": init returned B of shape [${B.shape.join(', ')}] for layer ${l + 1}, expected [${shape.join(', ')}]`);
      return B.detach().to(this.dtype).clone();
    });
    layers.forEach((layer, l) => {
      layer.B = this.initialFeedback[l]!.clone();
      layer.B.name = `${layer.name}.B`;
    });
    this.#setModes(direct ? { kind: 'direct', tap: this.#tap } : { kind: 'feedback' });
    this.#trained = layers.map((_, l) => r.learnsFeedback && (l > 0 || options.trainInputFeedback !== false));
    const learned = layers.filter((_, l) => this.#trained[l]).map((layer) => layer.B.param(`${layer.name}.B`));
    this.#forward = makeOptimizer(optimizer, net.parameters(), lr, momentum, lrDecay);
    this.#feedback = learned.length > 0 ? makeOptimizer(optimizer, learned, feedbackLr, momentum, lrDecay) : undefined;
    this.#derive(this.#evalRng, true);
  }

  /** One evaluation-mode forward pass of a zero example, so every layer knows its input size. */
  #probeInputFeatures(): void {
    this.#withFrozenStatistics(() => {
      this.net.setTraining(false);
      try {
        noGrad(() => this.net.forward(zeros([1, ...this.net.inputShape], { dtype: this.dtype })));
      } finally {
        this.net.setTraining(true);
      }
    });
  }

  /** The same mode on every layer (the layer fed by the data sends nothing down either way). */
  #setModes(mode: FeedbackMode): void {
    for (const layer of this.layers) layer.mode = mode;
  }

  /** Runs fn and restores the running statistics it changed (measurements must not train them). */
  #withFrozenStatistics<T>(fn: () => T): T {
    const saved = this.net.buffers().map((b) => b.data.slice());
    try {
      return fn();
    } finally {
      this.net.buffers().forEach((b, i) => b.data.set(saved[i]!));
    }
  }

  /**
   * Re-derives B from the current W ('derived' rules): every layer, or (during training) only the
   * layers whose B carries a signal (layer 1's B would send δ to the input, which nobody uses).
   */
  #derive(rngs: readonly Rng[], all: boolean): void {
    const { derive } = this.rule;
    if (derive === undefined) return;
    const L = this.layers.length;
    noGrad(() => this.layers.forEach((layer, l) => {
      if (l === 0 && !all) return;
      const B = derive(layer.W, { layer: l + 1, layers: L, step: this.steps, initial: this.initialFeedback[l]!, halfWidth: layer.initHalfWidth, rng: rngs[l]! });
      if (B.rows !== layer.inputSize || B.cols !== layer.outputSize) throw new RangeError(`rule "${this.rule.name}": derive returned B of shape [${B.shape.join(', ')}] for layer ${l + 1}, expected [${layer.inputSize}, ${layer.outputSize}]`);
      layer.B = B.detach().to(this.dtype);
      layer.B.name = `${layer.name}.B`;
    }));
  }

  /**
   * Forward and backward of the task loss on a batch: W.grad, b.grad (and BatchNorm's) set by the
   * autograd through the layers' feedback ops; with `record`, each layer's δ is kept.
   */
  #taskBackward(x: Tensor, y: ArrayLike<number>, record: boolean): { loss: number; deltas: Tensor[] } {
    for (const p of this.net.parameters()) p.zeroGrad();
    for (const layer of this.layers) {
      layer.recordDelta = record;
      layer.delta = null;
    }
    this.#tap.error = null;
    const loss = crossEntropy(tapError(this.net.forward(x.to(this.dtype)), this.#tap), y);
    loss.backward();
    const deltas = record ? this.layers.map((layer) => layer.delta!) : [];
    for (const layer of this.layers) layer.recordDelta = false;
    return { loss: loss.item(), deltas };
  }

  /**
   * Sets the gradients of one batch without updating anything: W.grad, b.grad (task) and, for
   * learned rules, B.grad (local loss, plus W's task gradient transposed for KP). 'derived' B are
   * re-derived from the current W first. Returns the loss and the δ each layer received.
   */
  gradients(x: Tensor, y: ArrayLike<number>): BatchGradients {
    return this.#gradients(x, y, true);
  }

  #gradients(x: Tensor, y: ArrayLike<number>, record: boolean): BatchGradients {
    this.#derive(this.#ruleRng, false);
    const result = this.#taskBackward(x, y, record);
    if (this.rule.learnsFeedback) this.#feedbackGradients();
    return result;
  }

  #feedbackGradients(): void {
    const { layers } = this;
    const L = layers.length;
    const { feedbackLoss, transposedUpdate } = this.rule;
    const trained = layers.map((_, l) => l).filter((l) => this.#trained[l]);
    for (const l of trained) layers[l]!.B.zeroGrad();
    if (feedbackLoss !== undefined) {
      let total: Tensor | undefined;
      for (const l of trained) {
        const layer = layers[l]!;
        // the rows W acted on: the inputs of a dense layer, the unfolded patches of a conv layer
        const layout = layer.rowsLayout();
        const rng = this.#ruleRng[l]!;
        const { bias, centerInput, updateForward } = this.#alignment;
        const x = centerInput ? layout.centered() : layer.rows!;
        const W = updateForward ? layer.W : layer.W.detach();
        const R = feedbackLoss(new Primitives(x, W, layer.B, { ...layout, ...(bias ? { bias: layer.b.detach() } : {}) }), {
          layer: l + 1,
          layers: L,
          step: this.steps,
          rng,
          noise: (std) => layout.noise(std, rng),
        });
        total = total === undefined ? R : total.add(R);
      }
      total?.backward();
    }
    if (transposedUpdate) {
      noGrad(() => {
        for (const l of trained) {
          const { B, W } = layers[l]!;
          const t = W.grad!.transpose();
          B.grad = B.grad === null ? t : B.grad.add(t);
        }
      });
    }
    if (this.#feedbackNoise > 0) {
      noGrad(() => {
        for (const l of trained) {
          const B = layers[l]!.B;
          if (B.grad === null) continue;
          const rms = Math.sqrt(B.grad.sumSquares().item() / B.size);
          B.grad = B.grad.add(randn(B.shape as number[], this.#noiseRng[l]!, this.#feedbackNoise * rms, 0, { dtype: this.dtype }));
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
    const { loss } = this.#gradients(x, y, false);
    const step = this.steps + 1;
    if (!Number.isFinite(loss)) {
      this.#checkFinite(step); // names a parameter if a weight is already non-finite
      throw new DivergenceError(`epoch ${this.epoch}, step ${step}: the task loss is ${loss}; training diverged (lower the learning rate)`, step, 'loss');
    }
    const lambda = this.rule.weightDecay;
    if (lambda > 0) {
      const shrink = 1 - this.#lrAt(this.steps) * lambda;
      for (const [l, layer] of this.layers.entries()) {
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

  /**
   * Throws a DivergenceError naming the epoch, the step, the layer and the parameter at the first
   * non-finite weight: each feedback layer's W, b (and B when trained), then the other parameters
   * (BatchNorm's γ, β), which carry their own names.
   */
  #checkFinite(step: number): void {
    // derived and fixed B are not updated by a step (derived ones are recomputed from W)
    const owned = new Set<Tensor>();
    const groups: [string, Tensor[]][] = this.layers.map((layer, l) => {
      const ps = this.#trained[l] ? [...layer.parameters(), layer.B] : layer.parameters();
      for (const p of ps) owned.add(p);
      return [`, layer ${l + 1}`, ps];
    });
    groups.push(['', this.net.parameters().filter((p) => !owned.has(p))]);
    for (const [where, ps] of groups) {
      for (const p of ps) {
        try {
          p.assertFinite(step, 'value');
        } catch (err) {
          if (!(err instanceof DivergenceError)) throw err;
          throw new DivergenceError(`epoch ${this.epoch}${where}: ${err.message}`, err.step, err.parameter);
        }
      }
    }
  }

  /**
   * Signal angle per hidden layer: the angle between the δ this rule delivers and the δ backprop
   * delivers (every layer's input gradient through W) on the same batch with the same weights.
   * Derived B are re-derived from the current W first (from an evaluation stream: training streams
   * are not touched); running statistics are left as they were.
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
    const modes = this.layers.map((layer) => layer.mode);
    return this.#withFrozenStatistics(() => {
      try {
        const delivered = this.#taskBackward(x, y, true).deltas;
        this.#setModes({ kind: 'weights' });
        const exact = this.#taskBackward(x, y, true).deltas;
        return delivered.slice(0, -1).map((d, l) => vectorAngle(d, exact[l]!));
      } finally {
        this.layers.forEach((layer, l) => { layer.mode = modes[l]!; });
      }
    });
  }

  /**
   * Whether layer l's (0-based) B means anything for the angle: not for DFA below the top layer
   * (B is not in Wᵀ's slot) nor for a learned rule's untrained layer-1 B.
   */
  #reported(l: number): boolean {
    if (this.rule.signal === 'direct') return l === this.layers.length - 1;
    return !this.rule.learnsFeedback || this.#trained[l]!;
  }

  /**
   * ∠(W_lᵀ, B_l) per layer in degrees for the current B; null where not meaningful (DFA below the
   * top, untrained layer-1 B). Layer 1's derived B is only refreshed by measureAlignment/signalAngles.
   */
  weightAngles(): (number | null)[] {
    return this.layers.map((layer, l) => (this.#reported(l) ? weightAngle(layer.W, layer.B) : null));
  }

  /** ‖B_l‖/‖W_l‖ per layer; null where the weight angle is. */
  normRatios(): (number | null)[] {
    return this.layers.map((layer, l) => (this.#reported(l) ? normRatio(layer.W, layer.B) : null));
  }

  /** Mean task loss and accuracy on a split, in chunks, in evaluation mode, without recording a graph. */
  evaluate(split: Split, chunk = 1000): { loss: number; accuracy: number } {
    const N = split.x.rows;
    let loss = 0;
    let correct = 0;
    this.net.setTraining(false);
    try {
      noGrad(() => {
        for (let start = 0; start < N; start += chunk) {
          const end = Math.min(N, start + chunk);
          const logits = this.net.forward(split.x.sliceRows(start, end).to(this.dtype));
          const labels = Array.from({ length: end - start }, (_, i) => split.y[start + i]!);
          loss += crossEntropy(logits, labels).item() * (end - start);
          correct += accuracy(logits, labels) * (end - start);
        }
      });
    } finally {
      this.net.setTraining(true);
    }
    return { loss: loss / N, accuracy: correct / N };
  }
}
