/**
 * Feedback-capable ops: the forward pass uses the weights W, the gradient sent to the input may use
 * feedback weights B in W's place (Lillicrap et al. 2016; the custom matmul/conv2d of the Two
 * Routes code), and the weight gradient stays the true one, ∇W = δᵀx. With these ops the autograd
 * runs the whole backward pass of any architecture under any learning rule:
 *
 *   linear:  y = xWᵀ + b                 ∂x = δW   (weights) | δBᵀ   (feedback, B in Wᵀ's slot)
 *   conv2d:  y = unfold(x)Wᵀ + b per position, W the kernel as a C_out × (C_in·kh·kw) matrix;
 *            ∂x = fold(δW) = the transposed convolution with W | fold(δBᵀ) with B
 *   both:    ∂x = e·Bᵀ reshaped to x (direct: DFA, e = ∂L/∂logits caught by `tapError`)
 */
import { accumulate, allocate, result } from '../autograd.js';
import { ShapeError } from '../errors.js';
import { addRowVector, channelsToRows, col2im, gemm, im2col, rowsToChannels, sumAxis, type Window2d } from '../kernels/index.js';
import { allocLike, type DType, type FloatArray } from '../kernels/dtype.js';
import { Tensor } from '../tensor.js';
import { resultDtype } from './operand.js';

/** Where the output error e = ∂L/∂logits is caught during backward, for direct feedback. */
export class ErrorTap {
  /** e of the current backward pass (N × classes), or null before it reaches the tap. */
  error: Tensor | null = null;
}

/** How a feedback-capable op sends the gradient to its input. */
export type InputGradient =
  /** Through W itself (backprop, weight transport): the plain op. */
  | { readonly kind: 'weights' }
  /** Through B (n_in × n_out, the slot of Wᵀ; for conv2d the kernel matrix transposed). */
  | { readonly kind: 'feedback'; readonly B: Tensor }
  /** e·Bᵀ with B (input features × classes) and e from the tap: the output error sent straight down. */
  | { readonly kind: 'direct'; readonly B: Tensor; readonly tap: ErrorTap };

export interface FeedbackOptions {
  /** Default { kind: 'weights' }. */
  readonly input?: InputGradient;
  /** Receives δ = ∂L/∂y (y's shape) when the backward pass reaches the op (signal angles). */
  readonly onDelta?: (delta: Tensor) => void;
  /**
   * Receives the rows W acts on (no graph): x for linear, the unfolded patches for conv2d — the
   * layer input as a feedback rule's local loss sees it.
   */
  readonly onRows?: (rows: Tensor) => void;
}

const WEIGHTS: InputGradient = { kind: 'weights' };

/** Identity on the logits whose backward stores e = ∂L/∂logits in `tap` (then passes it on). */
export function tapError(logits: Tensor, tap: ErrorTap): Tensor {
  if (logits.rank !== 2) throw new ShapeError('tapError', [logits.shape], 'must be logits N × classes');
  return result(logits.data, logits.shape, [logits], (g) => {
    tap.error = new Tensor(g.slice(), logits.shape.slice());
    accumulate(logits, g, false);
  });
}

function checkFeedback(op: string, input: InputGradient, W: Tensor, x: Tensor): void {
  if (input.kind === 'feedback' && (input.B.rank !== 2 || input.B.rows !== W.cols || input.B.cols !== W.rows)) {
    throw new ShapeError(`${op} (feedback B)`, [W.shape, input.B.shape], `do not fit: B must have the shape of Wᵀ, [${W.cols}, ${W.rows}]`);
  }
  if (input.kind === 'direct' && (input.B.rank !== 2 || input.B.rows * x.shape[0]! !== x.size)) {
    throw new ShapeError(`${op} (direct B)`, [x.shape, input.B.shape], `do not fit: B needs one row per input feature (${x.size / (x.shape[0] || 1)})`);
  }
}

/** gx (+)= e·Bᵀ: the output error through the direct feedback matrix, reshaped to the input. */
function directGradient(op: string, input: { B: Tensor; tap: ErrorTap }, x: Tensor): void {
  const e = input.tap.error;
  const N = x.shape[0]!;
  if (e === null) throw new Error(`${op}: direct feedback needs the output error, but the backward pass did not pass an ErrorTap (tapError on the logits)`);
  if (e.rows !== N || e.cols !== input.B.cols) throw new ShapeError(`${op} (direct B)`, [e.shape, input.B.shape], `do not fit: e is N × classes, B features × classes`);
  const into = x._g;
  const gx = into ?? allocLike(x.data, x.size);
  gemm(false, true, N, input.B.rows, e.cols, e.data, input.B.data, gx, into !== null);
  if (into === null) accumulate(x, gx, true);
}

/**
 * The shared backward of y_rows = rows·Wᵀ + b with δ = g (R × n_out): ∇W += gᵀ·rows, ∇b += Σ_r g,
 * and the gradient of `rows` by W or B (into a fresh buffer, returned), or null if not needed.
 */
function linearBackward(g: FloatArray, R: number, rows: FloatArray, nIn: number, W: Tensor, b: Tensor | null, input: InputGradient, needRows: boolean): FloatArray | null {
  const nOut = W.shape[0]!;
  if (W.requiresGrad) {
    const into = W._g;
    const gW = into ?? allocLike(W.data, W.size);
    gemm(true, false, nOut, nIn, R, g, rows, gW, into !== null);
    if (into === null) accumulate(W, gW, true);
  }
  if (b !== null && b.requiresGrad) {
    const gb = allocLike(g, nOut);
    sumAxis(g, 1, R, nOut, gb);
    accumulate(b, gb, true);
  }
  if (!needRows || input.kind === 'direct') return null;
  const gr = allocLike(g, R * nIn);
  if (input.kind === 'weights') gemm(false, false, R, nIn, nOut, g, W.data, gr);
  else gemm(false, true, R, nIn, nOut, g, input.B.data, gr);
  return gr;
}

/** The op's result dtype over x, W, b and the feedback matrix (see resultDtype). */
function opDtype(x: Tensor, W: Tensor, b: Tensor | null, input: InputGradient): DType {
  const operands = [x, W];
  if (b !== null) operands.push(b);
  if (input.kind !== 'weights') operands.push(input.B);
  return resultDtype(...operands);
}

function checkBias(op: string, W: Tensor, b: Tensor | null): void {
  if (b !== null && b.size !== W.rows) throw new ShapeError(op, [W.shape, b.shape], `do not fit: the bias needs ${W.rows} entries (one per output)`);
}

/**
 * y = xWᵀ + b for rows x (N × n_in), W (n_out × n_in), b (n_out entries or null); the input
 * gradient by W, by feedback B, or direct (see the module comment).
 */
export function linear(x: Tensor, W: Tensor, b: Tensor | null, options: FeedbackOptions = {}): Tensor {
  const input = options.input ?? WEIGHTS;
  if (x.rank !== 2 || W.rank !== 2 || x.cols !== W.cols) throw new ShapeError('linear', [x.shape, W.shape], `do not fit: x must be N × ${W.cols} for W ${W.rows} × ${W.cols}`);
  checkBias('linear', W, b);
  checkFeedback('linear', input, W, x);
  const [N, nOut] = [x.rows, W.rows];
  const out = allocate('linear', [N, nOut], opDtype(x, W, b, input));
  gemm(false, true, N, nOut, W.cols, x.data, W.data, out);
  options.onRows?.(x.detach());
  if (b !== null) addRowVector(out, N, nOut, b.data);
  const parents = b === null ? [x, W] : [x, W, b];
  return result(out, [N, nOut], parents, (g) => {
    options.onDelta?.(new Tensor(g.slice(), [N, nOut]));
    if (x.requiresGrad && input.kind === 'direct') directGradient('linear', input, x);
    const gx = linearBackward(g, N, x.data, W.cols, W, b, input, x.requiresGrad);
    if (gx !== null) accumulate(x, gx, true);
  });
}

/** Stride and zero padding of a convolution, one number for both axes or [vertical, horizontal]. */
export interface Conv2dOptions extends FeedbackOptions {
  /** Kernel [kh, kw]; required when W is the C_out × (C_in·kh·kw) matrix, read from W when it is 4-D. */
  readonly kernel?: number | readonly [number, number];
  readonly stride?: number | readonly [number, number];
  readonly padding?: number | readonly [number, number];
}

const pair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/** The window of a convolution or pooling op, validated; errors name the op and both shapes. */
export function convWindow(op: string, x: Tensor, kernel: readonly [number, number], other: readonly number[], stride: number | readonly [number, number], padding: number | readonly [number, number]): Window2d {
  if (x.rank !== 4) throw new ShapeError(op, [x.shape, other], 'do not fit: the input must be N × C × H × W');
  const [kh, kw] = kernel;
  const [sh, sw] = pair(stride);
  const [ph, pw] = pair(padding);
  for (const [what, v, min] of [['kernel', kh, 1], ['kernel', kw, 1], ['stride', sh, 1], ['stride', sw, 1], ['padding', ph, 0], ['padding', pw, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${op}: ${what} must be an integer ≥ ${min}, got ${v}`);
  }
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const Ho = Math.floor((H + 2 * ph - kh) / sh) + 1;
  const Wo = Math.floor((W + 2 * pw - kw) / sw) + 1;
  if (Ho < 1 || Wo < 1) throw new ShapeError(op, [x.shape, other], `do not fit: a ${kh}×${kw} window with padding ${ph}, ${pw} is larger than the ${H}×${W} input`);
  return { N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo };
}

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) of x (N × C_in × H × W)
 * with the kernel W — [C_out, C_in, kh, kw], or the same values as a C_out × (C_in·kh·kw) matrix
 * with `kernel` given — plus b (C_out entries or null); output N × C_out × H_out × W_out. By im2col:
 * the unfolded patches (N·H_out·W_out rows) times Wᵀ with the packed gemm kernel. The input
 * gradient: the transposed convolution with W, or with B ((C_in·kh·kw) × C_out, the slot of the
 * kernel matrix transposed), or direct (see the module comment).
 */
export function conv2d(x: Tensor, W: Tensor, b: Tensor | null, options: Conv2dOptions = {}): Tensor {
  const input = options.input ?? WEIGHTS;
  let kernel: [number, number];
  if (W.rank === 4) kernel = [W.shape[2]!, W.shape[3]!];
  else if (W.rank === 2 && options.kernel !== undefined) kernel = pair(options.kernel);
  else throw new ShapeError('conv2d', [x.shape, W.shape], 'do not fit: the kernel must be C_out × C_in × kh × kw, or a matrix with options.kernel');
  const win = convWindow('conv2d', x, kernel, W.shape, options.stride ?? 1, options.padding ?? 0);
  const Cout = W.shape[0]!;
  const K = win.C * win.kh * win.kw;
  if (W.size !== Cout * K) throw new ShapeError('conv2d', [x.shape, W.shape], `do not fit: a ${win.kh}×${win.kw} kernel on ${win.C} input channels needs ${K} weights per output channel`);
  checkBias('conv2d', W, b);
  if (input.kind === 'feedback' && (input.B.rank !== 2 || input.B.rows !== K || input.B.cols !== Cout)) {
    throw new ShapeError('conv2d (feedback B)', [W.shape, input.B.shape], `do not fit: B must be the kernel matrix transposed, [${K}, ${Cout}]`);
  }
  if (input.kind === 'direct') checkFeedback('conv2d', input, W, x);
  const { N, Ho, Wo } = win;
  const P = Ho * Wo;
  const R = N * P;
  const dtype = opDtype(x, W, b, input);
  const cols = allocate('conv2d (patches)', [R, K], dtype);
  im2col(x.data, win, cols);
  const rows = allocLike(cols, R * Cout);
  gemm(false, true, R, Cout, K, cols, W.data, rows);
  const shape = [N, Cout, Ho, Wo];
  const out = allocate('conv2d', shape, dtype);
  rowsToChannels(rows, N, P, Cout, b === null ? null : b.data, out);
  options.onRows?.(new Tensor(cols, [R, K]));
  const parents = b === null ? [x, W] : [x, W, b];
  const y = result(out, shape, parents, (g) => {
    options.onDelta?.(new Tensor(g.slice(), shape));
    const grows = rows; // reused: the forward rows are no longer needed
    channelsToRows(g, N, P, Cout, grows);
    if (x.requiresGrad && input.kind === 'direct') directGradient('conv2d', input, x);
    const gcols = linearBackward(grows, R, cols, K, W, b, input, x.requiresGrad);
    if (gcols !== null) {
      const into = x._g;
      const gx = into ?? allocLike(x.data, x.size);
      col2im(gcols, win, gx);
      if (into === null) accumulate(x, gx, true);
    }
  });
  return y;
}
