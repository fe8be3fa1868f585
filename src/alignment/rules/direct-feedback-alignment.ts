import { defineRule } from '../rule.js';

/**
 * Direct feedback alignment (Nøkland 2016): hidden layer l gets δ_l = (B e) ⊙ f'(a_l) with e the
 * output error and B fixed random (n_l × classes); the output layer uses the true error.
 */
export const directFeedbackAlignment = defineRule({
  name: 'dfa',
  label: 'Direct feedback alignment (DFA)',
  summary: 'Each hidden layer receives the output error through its own fixed random matrix.',
  feedback: 'fixed',
  signal: 'direct',
});
