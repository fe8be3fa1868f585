import { defineRule } from '../rule.js';

/** Backprop: B ≡ Wᵀ, re-derived from W before every backward pass (weight transport). */
export const backprop = defineRule({
  name: 'backprop',
  label: 'Backprop (BP)',
  summary: 'B ≡ Wᵀ: the error travels down the transposed forward weights (weight transport).',
  feedback: 'derived',
  derive: (W) => W.transpose(),
});
