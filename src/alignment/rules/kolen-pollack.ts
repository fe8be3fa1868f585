import { defineRule } from '../rule.js';

/**
 * Kolen-Pollack (Akrout et al. 2019): ΔW = −η(δxᵀ + λW), ΔB = −η(xδᵀ + λB). B receives W's task
 * gradient transposed (through an optimizer with W's settings, so its step is W's step transposed)
 * and the same weight decay, so W − Bᵀ shrinks by exactly (1 − ηλ) per step.
 */
export const kolenPollack = defineRule({
  name: 'kp',
  label: 'Kolen-Pollack (KP)',
  summary: "B gets the transpose of W's task update and the same weight decay λ, so W − Bᵀ decays away.",
  feedback: 'learned',
  coefficients: { lambda: 1 },
  transposedUpdate: true,
  weightDecay: (c) => c.lambda,
});
