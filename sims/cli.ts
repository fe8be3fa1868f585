/**
 * Entry point of `npm run sim` / `npm run sims`; the logic lives in src/sim/cli.ts.
 * Ctrl-C / SIGTERM keep their default effect (the process stops at once, even inside a long
 * synchronous training loop); result files are only ever renamed into place complete, so files of
 * earlier runs stay whole, and each run's janitor process (src/sim/janitor.ts) removes a temporary
 * file a kill may have left between a write and its rename.
 *
 * `--rule-file FILE` (repeatable) loads a user's learning rule first; the registry is imported after
 * it, so the simulations' `--rules` choices include the new rule.
 */
import { loadRuleFiles, ParameterError, runCli, takeRuleFileArgs } from '../src/sim/index.js';

async function main(argv: readonly string[]): Promise<number> {
  let rest: string[];
  try {
    const taken = takeRuleFileArgs(argv);
    await loadRuleFiles(taken.ruleFiles);
    rest = taken.rest;
  } catch (err) {
    if (!(err instanceof ParameterError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  const { simulations } = await import('./registry.js');
  return runCli(rest, { simulations, stdout: process.stdout, stderr: process.stderr });
}

process.exitCode = await main(process.argv.slice(2));
