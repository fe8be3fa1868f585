import { defineRule } from '../rule.js';

/** Trial rule: B random and fixed, as FA (shows the steps of adding a built-in rule). */
export const trialRule = defineRule({
  name: 'trial',
  label: 'Trial rule',
  summary: 'B random and fixed (a copy of FA, to show the steps of adding a rule).',
  feedback: 'fixed',
});
