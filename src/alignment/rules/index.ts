/** The built-in learning rules, one file each, in the order the registry lists them. */
import { backprop } from './backprop.js';
import { feedbackAlignment } from './feedback-alignment.js';
import { directFeedbackAlignment } from './direct-feedback-alignment.js';
import { uniformSignFeedback } from './usf.js';
import { fixedRandomSignFeedback } from './frsf.js';
import { batchRandomSignFeedback } from './brsf.js';
import { kolenPollack } from './kolen-pollack.js';
import { weightMirror } from './weight-mirror.js';
import { symmetricAlignment } from './symmetric-alignment.js';
import { activationAlignment } from './activation-alignment.js';
import { informationAlignment } from './information-alignment.js';
import type { LearningRule } from '../rule.js';

export {
  backprop,
  feedbackAlignment,
  directFeedbackAlignment,
  uniformSignFeedback,
  fixedRandomSignFeedback,
  batchRandomSignFeedback,
  kolenPollack,
  weightMirror,
  symmetricAlignment,
  activationAlignment,
  informationAlignment,
};

export const BUILTIN_RULES: readonly LearningRule[] = [
  backprop,
  feedbackAlignment,
  directFeedbackAlignment,
  uniformSignFeedback,
  fixedRandomSignFeedback,
  batchRandomSignFeedback,
  kolenPollack,
  weightMirror,
  symmetricAlignment,
  activationAlignment,
  informationAlignment,
];
