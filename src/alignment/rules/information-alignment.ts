import { defineRule } from '../rule.js';

/**
 * Information alignment (Kunin et al.): α·amp + β·null + γ·decay. With α = 2β it is
 * β[mean‖x − BWx‖² − mean‖x‖²] + γ·decay: the sum-regularized LAE loss (encoder W, decoder B),
 * whose critical points have B = Wᵀ (Transpose Theorem 2.1).
 */
export const informationAlignment = defineRule({
  name: 'ia',
  label: 'Information alignment (IA)',
  summary: 'Local loss α·amp + β·null + γ·decay on B: the regularized LAE loss of the layer (encoder W, decoder B).',
  feedback: 'learned',
  coefficients: { alpha: 2e-3, beta: 1e-3, gamma: 1e-3 },
  feedbackLoss: (p, c) => p.amp().mul(c.alpha).add(p.null().mul(c.beta)).add(p.decay().mul(c.gamma)),
});
