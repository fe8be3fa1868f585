import { defineRule } from '../rule.js';
import { signTransposed } from '../sign.js';

/** Uniform sign-concordant feedback (Liao et al. 2016): B = s·sign(W)ᵀ, s the std of W's init. */
export const uniformSignFeedback = defineRule({
  name: 'usf',
  label: 'Sign symmetry, uniform (uSF)',
  summary: "B = s·sign(W)ᵀ with one magnitude s (the std of W's initialisation), from the current W.",
  feedback: 'derived',
  derive: (W, ctx) => signTransposed(W).mul(ctx.halfWidth / Math.sqrt(3)),
});
