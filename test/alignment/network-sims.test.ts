import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentConv } from '../../sims/alignment-conv.js';
import { alignmentDepth } from '../../sims/alignment-depth.js';
import { runCli, type Summary } from '../../src/sim/index.js';

async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(argv, { simulations: [alignmentConv, alignmentDepth], stdout: { write: () => undefined }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stderr };
}

const readSummary = (dir: string): Summary => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;

describe('alignment-conv (tiny settings)', () => {
  it('trains LeNet-5 and a ResNet-8 with several rules, writes per-architecture charts, tables and summary.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'laelab-conv-'));
    const { code, stderr } = await cli(['alignment-conv', '--rules', 'backprop,fa,dfa,kp', '--seeds', '1', '--epochs', '1', '--train', '256', '--test', '100',
      '--width', '2', '--batchSize', '32', '--signalBatch', '32', '--workers', '1', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const dir = join(out, 'alignment-conv');
    const summary = readSummary(dir);
    for (const arch of ['lenet', 'resnet']) {
      for (const f of ['table.md', 'table.json', 'series.json', 'accuracy.png', 'weight-angles.png', 'signal-angles.png']) expect(summary.files).toContain(`${arch}-${f}`);
    }
    const archs = summary.metrics['architectures'] as unknown as Record<string, { layers: string[]; results: { rule: string; weightAngles: (number | null)[]; signalAngles: number[]; testAccuracy: number }[] }>;
    expect(archs['lenet']!.layers).toEqual(['conv1', 'conv2', 'fc1', 'fc2', 'fc3']);
    expect(archs['resnet']!.layers).toHaveLength(10);
    for (const arch of Object.values(archs)) {
      expect(arch.results.map((r) => r.rule)).toEqual(['backprop', 'fa', 'dfa', 'kp']);
      for (const r of arch.results) {
        expect(r.signalAngles).toHaveLength(arch.layers.length - 1);
        expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
      }
      expect(Math.max(...arch.results[0]!.signalAngles)).toBeLessThan(1e-4); // backprop
      expect(arch.results[2]!.weightAngles.slice(0, -1).every((a) => a === null)).toBe(true); // DFA: B not in Wᵀ's slot
    }
    expect(readFileSync(join(dir, 'table.md'), 'utf8')).toMatch(/### LeNet-5[\s\S]*### ResNet-8 \(width 2\)/);
  }, 120_000);

  it('refuses a depth that is not 6n + 2', async () => {
    const { code, stderr } = await cli(['alignment-conv', '--depth', '10']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--depth 10 must be 6n \+ 2/);
  });
});

describe('alignment-depth (tiny settings)', () => {
  it('writes accuracy and signal angle against depth per rule, with the gap to backprop', async () => {
    const out = mkdtempSync(join(tmpdir(), 'laelab-depth-'));
    const { code, stderr } = await cli(['alignment-depth', '--rules', 'backprop,fa', '--depths', '1,3', '--width', '16', '--seeds', '2', '--epochs', '1',
      '--train', '300', '--test', '100', '--workers', '1', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const dir = join(out, 'alignment-depth');
    const summary = readSummary(dir);
    expect([...summary.files].sort()).toEqual(['accuracy-vs-depth.png', 'signal-angle-vs-depth.png', 'table.json', 'table.md']);
    const grid = summary.metrics['grid'] as unknown as { rule: string; depths: { depth: number; accuracyMean: number; signalAngleMean: number }[] }[];
    expect(grid.map((g) => g.rule)).toEqual(['backprop', 'fa']);
    expect(grid[0]!.depths.map((d) => d.depth)).toEqual([1, 3]);
    expect(grid[0]!.depths.every((d) => d.signalAngleMean < 1e-4)).toBe(true);
    expect(readFileSync(join(dir, 'table.md'), 'utf8')).toContain('Gap to backprop');
  }, 120_000);

  it('refuses ResNet depths that are not 6n + 2', async () => {
    const { code, stderr } = await cli(['alignment-depth', '--family', 'resnet', '--depths', '8,12']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--depths 8,12: ResNet depths must be 6n \+ 2/);
  });
});
