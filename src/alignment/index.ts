/**
 * Neural alignment: learning rules without weight transport (Kunin et al. 2019 §6.2 and the Two
 * Routes primitives), their registry and plug-in API, alignment metrics and the trainer.
 */
export {
  defineRule,
  FEEDBACK_KINDS,
  SIGNAL_KINDS,
  type Coefficients,
  type DeriveContext,
  type FeedbackInit,
  type FeedbackKind,
  type LayerInfo,
  type LearningRule,
  type LossContext,
  type RuleDefinition,
  type SignalKind,
} from './rule.js';
export { Primitives, type PrimitivesLayout } from './primitives.js';
export { signTransposed } from './sign.js';
export { BUILTIN_RULES, registerRule, getRule, ruleNames, ruleSummaries } from './registry.js';
export * from './rules/index.js';
export { vectorAngle, weightAngle, normRatio } from './metrics.js';
export { AlignmentTrainer, type AlignmentMeasure, type BatchGradients, type OptimizerKind, type Split, type TrainerOptions } from './trainer.js';
export { trainNetwork, type AngleRecord, type EpochRecord, type TrainOptions, type TrainResult } from './train.js';
