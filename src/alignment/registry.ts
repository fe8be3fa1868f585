import type { LearningRule } from './rule.js';
import * as builtins from './rules/index.js';

/** The built-in rules: every rule ./rules/index.ts exports, in the order of their export names. */
export const BUILTIN_RULES: readonly LearningRule[] = Object.values(builtins);

const rules = new Map<string, LearningRule>(BUILTIN_RULES.map((r) => [r.name, r]));

/**
 * Adds a rule under its name so that `getRule` and the CLI (`--rules`) find it. Registering the
 * same rule object again is a no-op; another rule under a taken name is refused.
 */
export function registerRule(rule: LearningRule): LearningRule {
  const taken = rules.get(rule.name);
  if (taken !== undefined && taken !== rule) throw new Error(`registerRule: a rule named "${rule.name}" is already registered`);
  rules.set(rule.name, rule);
  return rule;
}

/** The registered rule of that name; the error lists the names known. */
export function getRule(name: string): LearningRule {
  const rule = rules.get(name);
  if (rule === undefined) throw new RangeError(`unknown learning rule "${name}"; registered: ${[...rules.keys()].join(', ')}`);
  return rule;
}

/** Names of every registered rule, built-ins first, then plug-ins in registration order. */
export function ruleNames(): string[] {
  return [...rules.keys()];
}

/** Each registered rule's name → its one-line summary, in ruleNames() order (for `--help`). */
export function ruleSummaries(): Record<string, string> {
  return Object.fromEntries([...rules.values()].map((r) => [r.name, r.summary]));
}
