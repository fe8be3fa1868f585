import { rand } from '../../tensor/index.js';
import { defineRule } from '../rule.js';
import { signTransposed } from '../sign.js';

/** Batchwise random-magnitude sign-concordant feedback (Xiao et al. 2018): |M| redrawn every batch. */
export const batchRandomSignFeedback = defineRule({
  name: 'brsf',
  label: 'Sign symmetry, batch random (brSF)',
  summary: 'B = |M| ∘ sign(W)ᵀ with random magnitudes M redrawn every batch.',
  feedback: 'derived',
  derive: (W, ctx) => signTransposed(W).mul(rand([W.cols, W.rows], ctx.rng, 0, ctx.halfWidth)),
});
