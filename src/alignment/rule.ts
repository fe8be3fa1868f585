import type { Rng } from '../random/rng.js';
import type { Tensor } from '../tensor/index.js';
import type { Primitives } from './primitives.js';

/** How a rule makes the feedback weights B. */
export type FeedbackKind = 'fixed' | 'derived' | 'learned';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['fixed', 'derived', 'learned'];

/**
 * What travels down: `feedback` sends Bδ from each layer to the one below (B in the slot of Wᵀ);
 * `direct` sends the output error e to every hidden layer at once through its own B_l (DFA).
 */
export type SignalKind = 'feedback' | 'direct';
export const SIGNAL_KINDS: readonly SignalKind[] = ['feedback', 'direct'];

/** Named numeric coefficients of a rule (α, β, γ, noise level, …). */
export type Coefficients = { readonly [name: string]: number };

/** Layer indices are 1-based: layer l has W_l (n_l × n_{l−1}) and sends the signal to h_{l−1}. */
export interface LayerInfo {
  readonly layer: number;
  readonly layers: number;
}

/** What `init` receives for one layer. */
export interface FeedbackInit extends LayerInfo {
  readonly W: Tensor;
  /** Shape of B: n_{l−1} × n_l for a feedback signal, n_{l−1} × n_L (classes) for a direct one. */
  readonly shape: readonly [number, number];
  /** Half-width s of W's initialisation U(−s, s). */
  readonly halfWidth: number;
  /** The rule's own stream for this layer. */
  readonly rng: Rng;
  /** The default: U(−s, s) of `shape`, drawn from the layer's B stream (same for every rule at a seed). */
  random(): Tensor;
}

/** What `derive` receives (every step, before the backward pass). */
export interface DeriveContext extends LayerInfo {
  readonly step: number;
  /** B as `init` made it (never modified). */
  readonly initial: Tensor;
  readonly halfWidth: number;
  readonly rng: Rng;
}

/** What `feedbackLoss` receives besides the primitives. */
export interface LossContext extends LayerInfo {
  readonly step: number;
  readonly rng: Rng;
  /**
   * Gaussian noise N(0, std²) at the layer's input, in the rows of the primitives (weight mirror):
   * N × n_in for a dense layer; for a conv layer image-shaped noise, unfolded into patches.
   */
  noise(std: number): Tensor;
}

/** What a rule author writes; see `defineRule`. */
export interface RuleDefinition<C extends Coefficients> {
  /** Registry and CLI name: lower-case letters, digits and '-'. */
  readonly name: string;
  /** Legend label; defaults to the name. */
  readonly label?: string;
  /** One line for the README and --help. */
  readonly summary: string;
  readonly feedback: FeedbackKind;
  /** Default 'feedback'. */
  readonly signal?: SignalKind;
  /** Coefficients with their defaults; `rule.with({...})` overrides them. */
  readonly coefficients?: C;
  /** Initial B; default `ctx.random()`. */
  readonly init?: (ctx: FeedbackInit, c: Readonly<C>) => Tensor;
  /** B from the current W ('derived' rules only), called before every backward pass. */
  readonly derive?: (W: Tensor, ctx: DeriveContext, c: Readonly<C>) => Tensor;
  /**
   * Local loss on B ('learned' rules), built from the primitives of the layer (x and W detached,
   * so that only B learns). Its gradient is added to B's.
   */
  readonly feedbackLoss?: (p: Primitives, c: Readonly<C>, ctx: LossContext) => Tensor;
  /** Kolen-Pollack: B's gradient also receives (∂L_task/∂W)ᵀ, the transpose of W's. */
  readonly transposedUpdate?: boolean;
  /**
   * Weight decay λ of the rule: before every step W ← (1 − η_t λ)W (and B alike when
   * `transposedUpdate`), i.e. ΔW = −η(∇W + λW) under plain SGD; default 0.
   */
  readonly weightDecay?: (c: Readonly<C>) => number;
}

/** A validated learning rule, as the trainer and the registry use it. */
export interface LearningRule<C extends Coefficients = Coefficients> {
  readonly name: string;
  readonly label: string;
  readonly summary: string;
  readonly feedback: FeedbackKind;
  readonly signal: SignalKind;
  readonly coefficients: Readonly<C>;
  readonly transposedUpdate: boolean;
  /** λ of the rule's weight decay on W. */
  readonly weightDecay: number;
  /** Whether B is trained by an optimizer. */
  readonly learnsFeedback: boolean;
  init(ctx: FeedbackInit): Tensor;
  /** Present for 'derived' rules. */
  readonly derive: ((W: Tensor, ctx: DeriveContext) => Tensor) | undefined;
  /** Present when the rule has a local loss on B. */
  readonly feedbackLoss: ((p: Primitives, ctx: LossContext) => Tensor) | undefined;
  /** The same rule with some coefficients changed (unknown names are refused). */
  with(overrides: Partial<C>): LearningRule<C>;
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function checkCoefficients(rule: string, c: Coefficients, allowed?: readonly string[]): void {
  for (const [k, v] of Object.entries(c)) {
    if (allowed && !allowed.includes(k)) throw new RangeError(`rule "${rule}": unknown coefficient "${k}"; it has ${allowed.length ? allowed.join(', ') : 'none'}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`rule "${rule}": coefficient "${k}" must be a finite number, got ${String(v)}`);
  }
}

/**
 * Validates a rule definition and returns the rule. Checks: the name; the kinds; a 'derived' rule
 * has `derive` (and only it); a 'learned' rule has `feedbackLoss` and/or `transposedUpdate`; a
 * 'fixed' rule has neither; a 'direct' signal needs fixed feedback; coefficients are finite.
 */
export function defineRule<C extends Coefficients = Record<never, number>>(definition: RuleDefinition<C>): LearningRule<C> {
  const d = definition;
  if (typeof d.name !== 'string' || !NAME.test(d.name)) throw new RangeError(`defineRule: name "${String(d.name)}" must be lower-case words (letters, digits) joined by '-'`);
  const where = `rule "${d.name}"`;
  if (!FEEDBACK_KINDS.includes(d.feedback)) throw new RangeError(`${where}: feedback must be one of ${FEEDBACK_KINDS.join(', ')}, got "${String(d.feedback)}"`);
  const signal = d.signal ?? 'feedback';
  if (!SIGNAL_KINDS.includes(signal)) throw new RangeError(`${where}: signal must be one of ${SIGNAL_KINDS.join(', ')}, got "${String(signal)}"`);
  if ((d.feedback === 'derived') !== (d.derive !== undefined)) {
    throw new RangeError(`${where}: ${d.feedback === 'derived' ? "a 'derived' rule needs derive(W, ctx)" : `derive() is only for 'derived' rules, not '${d.feedback}'`}`);
  }
  const learns = d.feedbackLoss !== undefined || d.transposedUpdate === true;
  if (d.feedback === 'learned' && !learns) throw new RangeError(`${where}: a 'learned' rule needs feedbackLoss and/or transposedUpdate`);
  if (d.feedback !== 'learned' && learns) throw new RangeError(`${where}: feedbackLoss / transposedUpdate need feedback 'learned', not '${d.feedback}'`);
  if (signal === 'direct' && d.feedback !== 'fixed') throw new RangeError(`${where}: a 'direct' signal is supported with fixed feedback only`);
  if (typeof d.summary !== 'string' || d.summary.trim() === '') throw new RangeError(`${where}: summary must be a non-empty line`);
  const defaults = (d.coefficients ?? {}) as C;
  checkCoefficients(d.name, defaults);
  const build = (c: Readonly<C>): LearningRule<C> => {
    const weightDecay = d.weightDecay?.(c) ?? 0;
    if (!(Number.isFinite(weightDecay) && weightDecay >= 0)) throw new RangeError(`${where}: weightDecay must be a finite number ≥ 0, got ${weightDecay}`);
    const { derive, feedbackLoss, init } = d;
    return Object.freeze({
      name: d.name,
      label: d.label ?? d.name,
      summary: d.summary,
      feedback: d.feedback,
      signal,
      coefficients: Object.freeze({ ...c }),
      transposedUpdate: d.transposedUpdate === true,
      weightDecay,
      learnsFeedback: d.feedback === 'learned',
      init: (ctx: FeedbackInit) => (init ? init(ctx, c) : ctx.random()),
      derive: derive && ((W: Tensor, ctx: DeriveContext) => derive(W, ctx, c)),
      feedbackLoss: feedbackLoss && ((p: Primitives, ctx: LossContext) => feedbackLoss(p, c, ctx)),
      with: (overrides: Partial<C>) => {
        checkCoefficients(d.name, overrides as Coefficients, Object.keys(defaults));
        return build({ ...c, ...overrides });
      },
    });
  };
  return build(defaults);
}
