import { defineRule } from '../rule.js';
import { signTransposed } from '../sign.js';

/** Fixed random-magnitude sign-concordant feedback (Xiao et al. 2018): B = |M| ∘ sign(W)ᵀ, M drawn once. */
export const fixedRandomSignFeedback = defineRule({
  name: 'frsf',
  label: 'Sign symmetry, fixed random (frSF)',
  summary: 'B = |M| ∘ sign(W)ᵀ with random magnitudes M drawn once.',
  feedback: 'derived',
  derive: (W, ctx) => signTransposed(W).mul(ctx.initial.abs()),
});
