/**
 * `--rule-file path/to/my-rule.ts`: a user's learning rule without editing the package. The file is
 * imported (TypeScript through tsx, as the CLI runs); it calls `defineRule` and either registers the
 * rule itself (`registerRule`) or exports it, and every exported rule is registered here. The file
 * is also loaded the same way in every pool worker (pool.ts addWorkerPreload), so worker threads know the rule too.
 */
import { pathToFileURL } from 'node:url';
import { FEEDBACK_KINDS, registerRule, ruleNames, type LearningRule } from '../alignment/index.js';
import { ParameterError } from './params.js';
import { existenceProblem, resolvePath } from './paths.js';
import { addWorkerPreload } from './pool.js';

const fromFiles = new Set<string>();

const isRule = (v: unknown): v is LearningRule =>
  typeof v === 'object' && v !== null && typeof (v as LearningRule).name === 'string' && typeof (v as LearningRule).summary === 'string' &&
  (FEEDBACK_KINDS as readonly string[]).includes((v as LearningRule).feedback);

/**
 * Imports each rule file and registers the rules it defines; returns their names. A missing file,
 * a file that fails to load or one that defines no rule is a ParameterError naming the file.
 */
export async function loadRuleFiles(paths: readonly string[]): Promise<string[]> {
  const added: string[] = [];
  for (const raw of paths) {
    const path = resolvePath(raw);
    const problem = existenceProblem(path, 'file');
    if (problem !== undefined) throw new ParameterError(`--rule-file ${raw}: ${problem}`);
    const before = new Set(ruleNames());
    const url = pathToFileURL(path).href;
    let exports: Record<string, unknown>;
    try {
      exports = (await import(url)) as Record<string, unknown>;
      for (const value of Object.values(exports)) if (isRule(value)) registerRule(value);
    } catch (err) {
      throw new ParameterError(`--rule-file ${raw}: ${(err as Error).message.split('\n')[0]}`);
    }
    const mine = ruleNames().filter((n) => !before.has(n));
    if (mine.length === 0 && !Object.values(exports).some(isRule)) {
      throw new ParameterError(`--rule-file ${raw}: the file defines no learning rule; export the result of defineRule({...}) or pass it to registerRule`);
    }
    for (const n of mine) fromFiles.add(n);
    added.push(...mine);
    addWorkerPreload(import.meta.url, { path });
  }
  return added;
}

/** Pool-worker side of addWorkerPreload: loads the same rule file in the worker thread. */
export async function workerPreload(data: { path: string }): Promise<void> {
  await loadRuleFiles([data.path]);
}

/** Whether `name` came from a rule file (so pool workers, which preload the files, know it). */
export function isRuleFromFile(name: string): boolean {
  return fromFiles.has(name);
}

/** Removes every `--rule-file PATH` / `--rule-file=PATH` from argv; returns the paths and the rest. */
export function takeRuleFileArgs(argv: readonly string[]): { ruleFiles: string[]; rest: string[] } {
  const ruleFiles: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rule-file') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ParameterError('--rule-file: missing value (expected a path to a .ts or .js file that calls defineRule)');
      ruleFiles.push(next);
      i++;
    } else if (a.startsWith('--rule-file=')) ruleFiles.push(a.slice('--rule-file='.length));
    else rest.push(a);
  }
  return { ruleFiles, rest };
}
