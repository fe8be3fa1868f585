import { defineRule } from '../rule.js';

/** Activation alignment: α·sparse + β·amp; with β = 2α it is α·mean‖Wx − Bᵀx‖² on the layer's inputs. */
export const activationAlignment = defineRule({
  name: 'aa',
  label: 'Activation alignment (AA)',
  summary: "Local loss α·sparse + β·amp on B; with β = 2α it matches Bᵀx to Wx on the layer's inputs.",
  feedback: 'learned',
  coefficients: { alpha: 1e-3, beta: 2e-3 },
  feedbackLoss: (p, c) => p.sparse().mul(c.alpha).add(p.amp().mul(c.beta)),
});
