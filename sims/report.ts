/**
 * Entry point of `npm run report` and `npm run sims`.
 *
 *   npm run report [-- --out DIR]    write DIR/index.html, DIR/explorer.html and DIR/assets/ from the
 *                                    results in DIR (default results/)
 *   npm run report -- --screenshots  also take the README's screenshots into DIR/screenshots/ (needs
 *                                    Chromium at /usr/bin/chromium, see .ci/setup)
 *   npm run sims [-- --seed N --out DIR]
 *                                    = tsx sims/report.ts --run-sims …: every simulation at quick
 *                                    settings (sims/cli.ts --all …), then the report for the same DIR
 *
 * `npm run sims` runs through here, not as `cli.ts --all && report.ts`, because npm appends the
 * script's arguments to the last command only: `--out DIR` must reach both steps.
 * Exit code: the simulations' (0, 1 a simulation failed, 2 bad input), else 1 if the report failed.
 */
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { takeScreenshots } from '../src/report/browser.js';
import { generateReport } from '../src/report/index.js';
import { checkOutputFolder, ParameterError, runCli } from '../src/sim/index.js';
import { simulations } from './registry.js';

const USAGE = `usage:
  npm run report [-- --out DIR]   write DIR/index.html, explorer.html and assets/ from the results in DIR (default results)
  npm run report -- --screenshots also save screenshots of both pages into DIR/screenshots/ (for the README)
  npm run sims [-- --seed N --out DIR]   run every simulation, then write the report
`;

/** The value of --out in args (`--out DIR` or `--out=DIR`), default "results". */
function outOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out' && args[i + 1] !== undefined) return args[i + 1]!;
    if (a.startsWith('--out=')) return a.slice('--out='.length);
  }
  return 'results';
}

async function report(out: string, screenshots = false): Promise<number> {
  try {
    const result = await generateReport({ resultsDir: out, order: simulations.map((s) => s.name) });
    const shots = screenshots ? await takeScreenshots(out, join(out, 'screenshots')) : [];
    const lines = result.sections.map((s) => `  ${s.name}: ${s.charts} interactive chart${s.charts === 1 ? '' : 's'}${s.fallback ? ` (${s.fallback})` : ''}`);
    for (const b of result.broken) lines.push(`  ${b.name}: not shown, ${b.reason}`);
    process.stdout.write(
      [
        `report: ${result.sections.length} simulation${result.sections.length === 1 ? '' : 's'} with results in ${out}`,
        ...lines,
        `  ${pathToFileURL(resolve(result.index)).href}`,
        `  ${pathToFileURL(resolve(result.explorer)).href}`,
        ...shots.map((f) => `  screenshot ${f}`),
        'open them from disk, or serve them with: npm run serve',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    process.stderr.write(`report failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === '--run-sims') {
    const rest = args.slice(1);
    const code = await runCli(['--all', ...rest], { simulations, stdout: process.stdout, stderr: process.stderr });
    // Bad input or help: nothing ran, so no report; a failed simulation still gets the others' report.
    if (code === 2 || rest.some((a) => a === '--help' || a === '-h')) return code;
    const reportCode = await report(outOf(rest));
    return code !== 0 ? code : reportCode;
  }
  if (args.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.filter((a, i) => !(a === '--out' || a.startsWith('--out=') || args[i - 1] === '--out' || a === '--screenshots'));
  if (unknown.length > 0 || (args.includes('--out') && args[args.indexOf('--out') + 1] === undefined)) {
    process.stderr.write(`error: ${unknown.length > 0 ? `unknown argument ${unknown[0]}` : '--out: missing value'}\n${USAGE}`);
    return 2;
  }
  const out = outOf(args);
  try {
    checkOutputFolder(out);
  } catch (err) {
    if (!(err instanceof ParameterError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  return report(out, args.includes('--screenshots'));
}

process.exitCode = await main(process.argv.slice(2));
