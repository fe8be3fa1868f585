// docs/examples/my-rule.ts — symmetric alignment whose feedback weights start at zero.
// npm run sim -- alignment-mnist --rule-file docs/examples/my-rule.ts --rules backprop,sa,zero-sa
import { defineRule } from '../../src/alignment/index.js';
import { zeros } from '../../src/tensor/index.js';

export const zeroSa = defineRule({
  name: 'zero-sa', // the CLI name
  label: 'SA from B = 0', // the legend
  summary: 'B starts at 0 and descends α‖Wᵀ − B‖² (decay + 2·self, Lemma A.1).',
  feedback: 'learned', // or 'fixed', or 'derived' with derive(W, ctx)
  coefficients: { alpha: 1e-3 },
  init: (ctx) => zeros(ctx.shape),
  // p: the layer's primitives decay(), sparse(), null(), self(), amp() on (x, W, B)
  feedbackLoss: (p, c) => p.decay().mul(c.alpha).add(p.self().mul(2 * c.alpha)),
});
