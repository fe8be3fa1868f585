/**
 * `npm run test:reliability`: runs the reliability suite (test/reliability) at full size — 1,000
 * cases per property (LAELAB_PROPERTY_RUNS, unless already set) — and prints what it tried:
 * category, cases tried, failures, added up from the counts each test file records
 * (counter.ts). Exits non-zero when vitest fails, a case failed, or a category tried nothing.
 *
 *   npm run test:reliability [-- <vitest arguments>]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, COUNTS_ENV, RUNS_ENV, type Category, type Count } from './counter.js';

const FULL_RUNS = '1000';
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'laelab-reliability-counts-'));
const runs = process.env[RUNS_ENV] ?? FULL_RUNS;

const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/reliability', '--testTimeout', '300000', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, [RUNS_ENV]: runs, [COUNTS_ENV]: dir } },
);

const totals = new Map<Category, { tried: number; failures: number }>(CATEGORIES.map((c) => [c, { tried: 0, failures: 0 }]));
for (const file of readdirSync(dir)) {
  for (const c of JSON.parse(readFileSync(join(dir, file), 'utf8')) as Count[]) {
    const t = totals.get(c.category);
    if (t === undefined) throw new Error(`${file}: unknown category "${c.category}"`);
    t.tried += c.tried;
    t.failures += c.failures;
  }
}
rmSync(dir, { recursive: true, force: true });

const rows = [...totals].map(([category, t]) => [category, String(t.tried), String(t.failures)]);
const sum = (k: 'tried' | 'failures'): number => [...totals.values()].reduce((s, t) => s + t[k], 0);
rows.push(['total', String(sum('tried')), String(sum('failures'))]);
const header = ['category', 'cases tried', 'failures'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
process.stdout.write(
  [
    '',
    `reliability suite (${runs} cases per property):`,
    '',
    line(header),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
  ].join('\n'),
);

// a category that tried nothing has lost its tests (checked when the whole suite ran)
const filtered = process.argv.length > 2;
const empty = filtered ? [] : [...totals].filter(([, t]) => t.tried === 0).map(([c]) => c);
if (empty.length > 0) process.stderr.write(`no cases were tried in: ${empty.join(', ')}\n`);
const failed = vitest.status !== 0 || sum('failures') > 0 || empty.length > 0;
process.exitCode = failed ? 1 : 0;
