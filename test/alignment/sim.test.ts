import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentMnist } from '../../sims/alignment-mnist.js';
import { CIFAR10_FOLDER, CIFAR10_PIXELS, CIFAR10_RECORD_BYTES, CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES } from '../../src/data/cifar10.js';
import { Rng } from '../../src/random/rng.js';
import { runCli, type Summary } from '../../src/sim/index.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { simulations: [alignmentMnist], stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

const tiny = ['--lr', '0.01', '--epochs', '3', '--hidden', '16,16', '--train', '600', '--validation', '100', '--test', '200', '--batchSize', '20', '--anglesPerEpoch', '2', '--signalBatch', '64'];

interface Result { rule: string; seed: number; testAccuracy: number; weightAngles: (number | null)[]; signalAngles: number[]; samplesPerSecond: number }

describe('alignment-mnist (tiny settings)', () => {
  it('writes the charts, the table and summary.json results per rule and seed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'laelab-align-'));
    const { code, stderr } = await cli(['alignment-mnist', ...tiny, '--seeds', '2', '--rules', 'backprop,fa,dfa', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const dir = join(out, 'alignment-mnist');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    expect([...summary.files].sort()).toEqual(['accuracy.png', 'series.json', 'signal-angles.png', 'table.json', 'table.md', 'weight-angles.png']);
    const results = summary.metrics['results'] as unknown as Result[];
    expect(results.map((r) => `${r.rule}/${r.seed}`)).toEqual(['backprop/0', 'fa/0', 'dfa/0', 'backprop/1', 'fa/1', 'dfa/1']);
    for (const r of results) {
      expect(r.weightAngles).toHaveLength(3);
      expect(r.signalAngles).toHaveLength(2);
      expect(r.testAccuracy).toBeGreaterThan(r.rule === 'backprop' ? 0.6 : 0.2); // chance: 0.1
    }
    const bp = results.find((r) => r.rule === 'backprop')!;
    for (const a of bp.weightAngles) expect(a!).toBeLessThan(1e-5); // arccos near 1: rounding of the cosine shows as ~1e-6°
    const dfa = results.find((r) => r.rule === 'dfa')!;
    expect(dfa.weightAngles.slice(0, 2)).toEqual([null, null]);
    const table = readFileSync(join(dir, 'table.md'), 'utf8');
    expect(table).toMatch(/\| Backprop \(BP\) \| \d+\.\d\d ± \d+\.\d\d \|/);
    expect(table).toContain('Direct feedback alignment (DFA)');

    // the same run in one thread gives the same numbers (worker threads only change the speed)
    const out1 = mkdtempSync(join(tmpdir(), 'laelab-align-'));
    expect((await cli(['alignment-mnist', ...tiny, '--seeds', '2', '--rules', 'backprop,fa,dfa', '--workers', '1', '--out', out1])).code).toBe(0);
    const single = (JSON.parse(readFileSync(join(out1, 'alignment-mnist', 'summary.json'), 'utf8')) as Summary).metrics['results'] as unknown as Result[];
    const strip = (rs: Result[]) => rs.map(({ samplesPerSecond: _, ...r }) => r);
    expect(strip(single)).toEqual(strip(results));
    expect(readFileSync(join(out1, 'alignment-mnist', 'series.json'), 'utf8')).toBe(readFileSync(join(dir, 'series.json'), 'utf8'));
  }, 90_000);

  it('refuses inconsistent sizes before running', async () => {
    const { code, stderr } = await cli(['alignment-mnist', '--train', '9000', '--test', '2000']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--train 9000 \+ --test 2000 exceed the 10,000 MNIST digits/);
  });

  it('--dataset cifar10 reads the binary files from --data-dir', async () => {
    const root = mkdtempSync(join(tmpdir(), 'laelab-cifar-sim-'));
    const folder = join(root, CIFAR10_FOLDER);
    mkdirSync(folder);
    const rng = new Rng('fake-cifar');
    const file = (records: number): Uint8Array => {
      const bytes = new Uint8Array(records * CIFAR10_RECORD_BYTES);
      for (let r = 0; r < records; r++) {
        const label = rng.int(10);
        bytes[r * CIFAR10_RECORD_BYTES] = label;
        // noise plus a bright band of 300 pixels whose position is the class, so that the task is learnable
        for (let j = 0; j < CIFAR10_PIXELS; j++) bytes[r * CIFAR10_RECORD_BYTES + 1 + j] = rng.int(100) + (Math.floor(j / 300) === label ? 120 : 0);
      }
      return bytes;
    };
    for (const f of CIFAR10_TRAIN_FILES) writeFileSync(join(folder, f), file(120));
    writeFileSync(join(folder, CIFAR10_TEST_FILE), file(200));
    const out = mkdtempSync(join(tmpdir(), 'laelab-align-'));
    const { code, stdout, stderr } = await cli(['alignment-mnist', '--dataset', 'cifar10', '--data-dir', root, ...tiny, '--seeds', '1', '--rules', 'backprop,sa', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/CIFAR-10: 500 training rows, 100 validation, 200 test; MLP 3072-16-16-10/);
    const summary = JSON.parse(readFileSync(join(out, 'alignment-mnist', 'summary.json'), 'utf8')) as Summary;
    expect(summary.params['dataDir']).toBe(root);
    const results = summary.metrics['results'] as unknown as Result[];
    expect(results.find((r) => r.rule === 'backprop')!.testAccuracy).toBeGreaterThan(0.5);
  }, 60_000);

  it('refuses --dataset cifar10 without --data-dir, a missing or file --data-dir, and --data-dir with mnist', async () => {
    const root = mkdtempSync(join(tmpdir(), 'laelab-cifar-sim-'));
    const file = join(root, 'data_batch_1.bin');
    writeFileSync(file, '');
    const refusal = async (args: string[]): Promise<string> => {
      const out = mkdtempSync(join(tmpdir(), 'laelab-align-'));
      const { code, stdout, stderr } = await cli(['alignment-mnist', ...args, '--out', out]);
      expect(code, stderr).toBe(2);
      expect(stdout).toBe('');
      expect(readdirSync(out)).toEqual([]);
      return stderr;
    };
    expect(await refusal(['--dataset', 'cifar10'])).toBe('error: invalid parameters for alignment-mnist: --dataset cifar10 needs --data-dir <folder holding cifar-10-batches-bin/>\n');
    expect(await refusal(['--dataset', 'cifar10', `--data-dir=${join(root, 'nope')}`])).toBe(
      `error: --data-dir: expected a path to an existing folder, got "${join(root, 'nope')}" (no such file or folder)\n`,
    );
    expect(await refusal(['--dataset', 'cifar10', '--dataDir', file])).toBe(`error: --dataDir: expected a path to an existing folder, got "${file}" (it is a file)\n`);
    expect(await refusal(['--data-dir', root])).toBe(`error: invalid parameters for alignment-mnist: --data-dir ${root} is only used with --dataset cifar10\n`);
  });
});
