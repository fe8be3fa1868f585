/**
 * The README's rule example, end to end: docs/examples/my-rule.ts is shown whole in the README (≤ 20
 * lines), and `--rule-file` makes it a rule of alignment-mnist and alignment-conv without editing the
 * package. B starts at 0 and descends α‖Wᵀ − B‖², so it must end up pointing along Wᵀ (a fixed
 * random B stays near 90°).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const example = 'docs/examples/my-rule.ts';
const sim = (args: string[]) => spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sims/cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

describe('a user rule from a file (--rule-file)', () => {
  it('is shown whole in the README, in at most 20 lines', () => {
    const text = readFileSync(join(root, example), 'utf8');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('```ts\n' + text + '```');
  });

  it('trains in alignment-mnist beside a built-in rule, and its B aligns with Wᵀ', () => {
    const out = mkdtempSync(join(tmpdir(), 'rule-file-'));
    const r = sim(['alignment-mnist', '--rule-file', example, '--rules', 'backprop,zero-sa', '--train', '500', '--test', '200', '--epochs', '1', '--seeds', '1', '--hidden', '32', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'alignment-mnist', 'summary.json'), 'utf8')) as { metrics: { results: { rule: string; testAccuracy: number; weightAngles: (number | null)[] }[] } };
    const mine = summary.metrics.results.find((x) => x.rule === 'zero-sa')!;
    expect(mine.testAccuracy).toBeGreaterThan(0.3); // 10 classes: chance is 0.1
    expect(mine.weightAngles[1]).toBeLessThan(60);
    expect(readFileSync(join(out, 'alignment-mnist', 'table.md'), 'utf8')).toContain('| SA from B = 0 |');
  }, 120_000);

  it('trains LeNet-5 in alignment-conv (feedback in the conv ops)', () => {
    const out = mkdtempSync(join(tmpdir(), 'rule-file-'));
    const r = sim(['alignment-conv', '--rule-file', example, '--rules', 'zero-sa', '--archs', 'lenet', '--train', '200', '--test', '100', '--epochs', '1', '--seeds', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'alignment-conv', 'summary.json'), 'utf8')) as { metrics: { architectures: { lenet: { table: { rule: string; weightAngles: (number | null)[] }[] } } } };
    const row = summary.metrics.architectures.lenet.table.find((x) => x.rule === 'zero-sa')!;
    for (const angle of row.weightAngles.slice(1)) expect(angle).toBeLessThan(60);
  }, 120_000);
});
