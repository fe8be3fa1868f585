/**
 * Entry point of `npm run sim` / `npm run sims`; the logic lives in src/sim/cli.ts.
 * Ctrl-C / SIGTERM keep their default effect (the process stops at once, even inside a long
 * synchronous training loop); result files are only ever renamed into place complete, so files of
 * earlier runs stay whole, and each run's janitor process (src/sim/janitor.ts) removes a temporary
 * file a kill may have left between a write and its rename.
 */
import { runCli } from '../src/sim/index.js';
import { simulations } from './registry.js';

process.exitCode = await runCli(process.argv.slice(2), {
  simulations,
  stdout: process.stdout,
  stderr: process.stderr,
});
