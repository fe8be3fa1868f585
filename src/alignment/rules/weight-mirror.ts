import { defineRule } from '../rule.js';

/**
 * Weight mirror (Akrout et al. 2019) as the Two Routes loss α·decay + β·amp on noise inputs
 * ξ ~ N(0, σ²) at the layer input: its gradient step is ΔB = η[β mean_n ξ_n(Wξ_n)ᵀ − 2αB], the
 * Hebbian mirror update with decay; at equilibrium B = (βσ²/2α)·Wᵀ.
 */
export const weightMirror = defineRule({
  name: 'wm',
  label: 'Weight mirror (WM)',
  summary: 'B learns the Hebbian correlation ξ(Wξ)ᵀ of noise ξ injected at the layer input, with decay.',
  feedback: 'learned',
  coefficients: { alpha: 1e-3, beta: 1e-3, noise: 1 },
  feedbackLoss: (p, c, ctx) => p.decay().mul(c.alpha).add(p.withInput(ctx.noise(c.noise)).amp().mul(c.beta)),
});
