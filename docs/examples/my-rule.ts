/**
 * A user's own learning rule, loaded with `npm run sim -- alignment-mnist --rule-file docs/examples/my-rule.ts --rules backprop,my-fa`
 * or from a sweep file's "ruleFiles". Exported rules are registered by the loader.
 */
import { defineRule } from '../../src/alignment/index.js';

/** Feedback alignment with B drawn once and kept fixed, under its own name. */
export const myFa = defineRule({
  name: 'my-fa',
  label: 'My feedback alignment',
  summary: 'B random with the init scale of W, fixed (a copy of FA from a user file).',
  feedback: 'fixed',
});
