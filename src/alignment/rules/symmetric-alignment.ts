import { defineRule } from '../rule.js';

/** Symmetric alignment (Kunin et al.): α·decay + β·self; with β = 2α it is α‖Wᵀ − B‖²_F (Lemma A.1). */
export const symmetricAlignment = defineRule({
  name: 'sa',
  label: 'Symmetric alignment (SA)',
  summary: 'Local loss α·decay + β·self on B; with β = 2α it is α‖Wᵀ − B‖² (decay balances self-amplification).',
  feedback: 'learned',
  coefficients: { alpha: 1e-3, beta: 2e-3 },
  feedbackLoss: (p, c) => p.decay().mul(c.alpha).add(p.self().mul(c.beta)),
});
