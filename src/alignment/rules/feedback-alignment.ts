import { defineRule } from '../rule.js';

/** Feedback alignment (Lillicrap et al. 2016): B random with W's init scale, fixed. */
export const feedbackAlignment = defineRule({
  name: 'fa',
  label: 'Feedback alignment (FA)',
  summary: 'B random (same init scale as W) and fixed; W comes to align with Bᵀ.',
  feedback: 'fixed',
});
