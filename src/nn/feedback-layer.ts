import type { Rng } from '../random/rng.js';
import type { ErrorTap, FeedbackOptions, InputGradient, Tensor } from '../tensor/index.js';
import type { Module } from './module.js';

/** How a feedback layer sends the error to its input (set by the trainer from the rule). */
export type FeedbackMode =
  /** Through W (backprop by weight transport; the plain op). */
  | { readonly kind: 'weights' }
  /** Through the layer's B in W's place. */
  | { readonly kind: 'feedback' }
  /** The output error e caught by `tap`, through the layer's B (input features × classes): DFA. */
  | { readonly kind: 'direct'; readonly tap: ErrorTap };

/**
 * A layer with forward weights W (n_out × n_in), bias b and feedback weights B (n_in × n_out, the
 * slot of Wᵀ), whose op takes its input gradient from W, from B, or from the output error (see
 * src/tensor/ops/feedback.ts). For a dense layer n_in is the input width; for a convolution W is
 * the kernel read as a C_out × (C_in·kh·kw) matrix and its rows act on the unfolded patches, so
 * every rule, primitive and metric written for matrices applies unchanged.
 */
export abstract class FeedbackLayer implements Module {
  abstract readonly name: string;
  abstract readonly W: Tensor;
  abstract readonly b: Tensor;
  /** Feedback weights; a rule replaces or trains them (see src/alignment). */
  abstract B: Tensor;
  /** Half-width of W's uniform initialisation (the "same init scale" of random feedback). */
  abstract readonly initHalfWidth: number;
  mode: FeedbackMode = { kind: 'weights' };
  /** When set, the next backward pass stores δ = ∂L/∂(layer output) in `delta`. */
  recordDelta = false;
  delta: Tensor | null = null;
  /** The rows W acted on in the last forward pass (inputs, or unfolded patches), no graph. */
  rows: Tensor | null = null;
  /** Features of one input example in the last forward pass (the rows of a direct B). */
  inputFeatures: number | null = null;
  /** The layer's input in the last forward pass, no graph (for centred local-loss inputs). */
  input: Tensor | null = null;

  /** n_in: columns of W. */
  get inputSize(): number {
    return this.W.cols;
  }
  /** n_out: rows of W. */
  get outputSize(): number {
    return this.W.rows;
  }

  abstract forward(x: Tensor): Tensor;

  /**
   * How `rows` relate to the layer's input, for local losses (src/alignment/primitives.ts): the
   * number of examples, the map from patch rows back to the input (conv), Gaussian noise
   * N(0, std²) at the layer input in the same row layout (weight mirror), and the rows of the input
   * with each example's mean over its features subtracted (the reference's center_input).
   */
  abstract rowsLayout(): RowsLayout;

  /** The op options for the current mode; records the input seen by local losses. */
  protected opOptions(x: Tensor): FeedbackOptions {
    this.inputFeatures = x.size / x.shape[0]!;
    this.input = x.detach();
    const m = this.mode;
    const input: InputGradient = m.kind === 'weights' ? m : m.kind === 'feedback' ? { kind: 'feedback', B: this.B } : { kind: 'direct', B: this.B, tap: m.tap };
    return {
      input,
      onRows: (rows) => { this.rows = rows; },
      onDelta: this.recordDelta ? (d) => { this.delta = d; } : undefined,
    };
  }

  parameters(): Tensor[] {
    return [this.W, this.b];
  }
  feedbackLayers(): FeedbackLayer[] {
    return [this];
  }
  buffers(): Tensor[] {
    return [];
  }
  setTraining(): void {}
}

/** See FeedbackLayer.rowsLayout. */
export interface RowsLayout {
  readonly batch: number;
  readonly fold?: (rows: Tensor) => Tensor;
  noise(std: number, rng: Rng): Tensor;
  centered(): Tensor;
}

/** Each example (first axis) minus its mean over all its features. */
export function centerExamples(x: Tensor): Tensor {
  const N = x.shape[0]!;
  const flat = x.reshape([N, x.size / N]);
  return flat.sub(flat.mean(1, true)).reshape(x.shape as number[]);
}
