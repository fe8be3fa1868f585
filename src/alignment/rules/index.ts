/**
 * The built-in learning rules, one file each. This list is the only place they are named: adding
 * a built-in rule is its file plus one line here. The registry (../registry.ts) reads every rule
 * exported below, in the order of their export names (a module namespace is sorted by key).
 */
export { activationAlignment } from './activation-alignment.js';
export { backprop } from './backprop.js';
export { batchRandomSignFeedback } from './brsf.js';
export { directFeedbackAlignment } from './direct-feedback-alignment.js';
export { feedbackAlignment } from './feedback-alignment.js';
export { fixedRandomSignFeedback } from './frsf.js';
export { informationAlignment } from './information-alignment.js';
export { kolenPollack } from './kolen-pollack.js';
export { symmetricAlignment } from './symmetric-alignment.js';
export { uniformSignFeedback } from './usf.js';
export { weightMirror } from './weight-mirror.js';
