/** The sweep CLI end to end on a tiny alignment-mnist grid (2 rules incl. a user rule file × 2 seeds). */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingCounts, readAggregate, root, sweep, sweepFile } from './helpers.js';

describe('npm run sweep', () => {
  it('refuses a bad value with the CLI error, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const r = sweep([sweepFile(dir, { lr: [0.001, 20], seed: '0..1' }), '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: .*tiny\.json: --lr: expected a number in \(0, 10\], got "20"$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a run whose id no longer matches its index (the file changed since the jobs were written) is refused, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const file = sweepFile(dir, { lr: [0.001, 0.002], seed: '0..0' });
    const dry = sweep([file, '--out', join(dir, 'out'), '--dry-run']);
    const id = /^ +1 +to run +(\S+)/m.exec(dry.stdout)![1]!;
    const r = sweep([file, '--out', join(dir, 'out'), '--run-index', '0', '--run-id', id]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--run-id: run 0 of ${file} is now `);
    expect(r.stderr).toContain(`not ${id}: the sweep file or the simulation's parameters changed`);
    expect(existsSync(join(dir, 'out', 'tiny', 'runs'))).toBe(false);
  });

  it('runs a grid with a user rule file, aggregates, and skips finished runs on the rerun', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const file = sweepFile(dir, { rules: ['backprop', 'zero-sa'], seed: '0..1' }, { ruleFiles: [join(root, 'docs/examples/my-rule.ts')] });
    const out = join(dir, 'out');
    const dry = sweep([file, '--out', out, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/4 runs of alignment-mnist, 0 done, 4 to run/);
    const first = sweep([file, '--out', out, '--jobs', '2']);
    expect(first.status, first.stderr).toBe(0);
    expect(closingCounts(first.stdout)).toEqual({ skipped: 0, ran: 4, meanwhile: 0, failed: 0 });
    const agg = readAggregate(join(out, 'tiny'));
    expect(agg.runs.finished).toBe(4);
    const acc = agg.metrics.find((m) => m.name === 'results.0.testAccuracy')!;
    expect(acc.groups.map((g) => [g.label, g.n])).toEqual([['rules=backprop', 2], ['rules=zero-sa', 2]]);
    expect(existsSync(join(out, 'tiny', 'charts', 'results.0.testAccuracy.png'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'tiny', 'summary.json'), 'utf8')).kind).toBe('sweep');
    // the run's own output is in its log, written by the process that ran it
    for (const id of readdirSync(join(out, 'tiny', 'runs'))) expect(readFileSync(join(out, 'tiny', 'runs', id, 'log.txt'), 'utf8')).toMatch(/summary\.json/);
    const again = sweep([file, '--out', out]);
    expect(again.status).toBe(0);
    expect(closingCounts(again.stdout)).toEqual({ skipped: 4, ran: 0, meanwhile: 0, failed: 0 });
  }, 300_000);
});
