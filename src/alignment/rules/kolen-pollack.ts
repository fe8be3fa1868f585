import { defineRule } from '../rule.js';

/**
 * Kolen-Pollack (Akrout et al. 2019): ΔW = −η(δxᵀ + λW), ΔB = −η(xδᵀ + λB). B receives W's task
 * gradient transposed (through an optimizer with W's settings, so its step is W's step transposed)
 * and the same weight decay, so W − Bᵀ shrinks by exactly (1 − ηλ) per step.
 *
 * λ = 3, chosen on the validation split (npm run sweep -- sims/sweeps/tune-kp-lambda.json: 1,000 of
 * the 8,000 training digits held out, alignment-mnist's Adam lr 2e-3 with time decay 5e-3, seed 0).
 * Over T steps W − Bᵀ shrinks by Π(1 − η_tλ) ≈ exp(−λ·Ση_t), Ση_t ≈ 0.4·ln(1 + 0.005T): 0.79 for the
 * quick 5 epochs, 1.3 for --full's 20. Measured (validation accuracy, weight angles of layers 2 / 3):
 *   5 epochs:  λ = 1: 95.4 %, 72° / 61°;  λ = 3: 95.3 %, 35° / 19°;  λ = 10: 92.2 %, 0.25° / 0.14°;  λ = 30: 87.2 %, 0°
 *   20 epochs: λ = 1: 96.3 %, 55° / 36°;  λ = 3: 96.0 %, 7.2° / 3.7°; λ = 10: 93.8 %, 0.001°;        λ = 30: 87.2 %, 0°
 * λ = 3 reaches the authors' ≤ 10° in the --full run for 0.3 points of validation accuracy; λ = 1
 * leaves KP far from Wᵀ (the decay has not had time to act), λ ≥ 10 aligns fully but costs 2–9 points.
 */
export const kolenPollack = defineRule({
  name: 'kp',
  label: 'Kolen-Pollack (KP)',
  summary: "B gets the transpose of W's task update and the same weight decay λ, so W − Bᵀ decays away.",
  feedback: 'learned',
  coefficients: { lambda: 3 },
  transposedUpdate: true,
  weightDecay: (c) => c.lambda,
});
