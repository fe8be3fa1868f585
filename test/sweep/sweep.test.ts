/** The sweep CLI end to end on a tiny alignment-mnist grid (2 rules incl. a user rule file × 2 seeds). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const sweep = (args: string[]) => spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sims/sweep.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });

function sweepFile(dir: string, grid: object, extra: object = {}): string {
  const path = join(dir, 'tiny.json');
  writeFileSync(path, JSON.stringify({ name: 'tiny', simulation: 'alignment-mnist', fixed: { seeds: 1, workers: 1, epochs: 1, train: 300, test: 100, hidden: [16] }, grid, ...extra }));
  return path;
}

describe('npm run sweep', () => {
  it('refuses a bad value with the CLI error, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const r = sweep([sweepFile(dir, { lr: [0.001, 20], seed: '0..1' }), '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: .*tiny\.json: --lr: expected a number in \(0, 10\], got "20"$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('runs a grid with a user rule file, aggregates, and skips finished runs on the rerun', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const file = sweepFile(dir, { rules: ['backprop', 'my-fa'], seed: '0..1' }, { ruleFiles: [join(root, 'docs/examples/my-rule.ts')] });
    const out = join(dir, 'out');
    const dry = sweep([file, '--out', out, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/4 runs of alignment-mnist, 0 done, 4 to run/);
    const first = sweep([file, '--out', out, '--jobs', '2']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/0 skipped \(already done\), 4 ran, 0 failed/);
    const agg = JSON.parse(readFileSync(join(out, 'tiny', 'aggregate.json'), 'utf8')) as { runs: { finished: number }; metrics: { name: string; groups: { n: number; label: string }[] }[] };
    expect(agg.runs.finished).toBe(4);
    const acc = agg.metrics.find((m) => m.name === 'results.0.testAccuracy')!;
    expect(acc.groups.map((g) => [g.label, g.n])).toEqual([['rules=backprop', 2], ['rules=my-fa', 2]]);
    expect(existsSync(join(out, 'tiny', 'charts', 'results.0.testAccuracy.png'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'tiny', 'summary.json'), 'utf8')).kind).toBe('sweep');
    const again = sweep([file, '--out', out]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/4 skipped \(already done\), 0 ran, 0 failed/);
  }, 240_000);
});
