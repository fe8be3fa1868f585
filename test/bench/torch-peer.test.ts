import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addBestThreads, probeTorch, runTorch, torchColumn, TORCH_INSTALL_HINT } from '../../sims/bench/peers/torch.js';

const dir = mkdtempSync(join(tmpdir(), 'laelab-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PyTorch peer detection', () => {
  it('skips with the install hint when the interpreter has no torch', () => {
    // a real python3 that cannot see site-packages (-S) nor PYTHONPATH (-E): `import torch` fails
    const noTorch = join(dir, 'python-no-torch');
    writeFileSync(noTorch, '#!/bin/sh\nexec python3 -E -S "$@"\n');
    chmodSync(noTorch, 0o755);
    const r = probeTorch([noTorch]);
    expect('skipped' in r).toBe(true);
    if (!('skipped' in r)) return;
    expect(r.skipped).toContain(`${noTorch}: no torch`);
    expect(r.skipped).toContain(TORCH_INSTALL_HINT);
    expect(TORCH_INSTALL_HINT).toMatch(/python3-torch.*libopenblas0-pthread.*\/usr\/bin\/python3/);
  });

  it('names an interpreter that cannot be run', () => {
    const r = probeTorch([join(dir, 'no-such-python')]);
    expect('skipped' in r && r.skipped).toContain('no-such-python: not runnable');
  });
});

const torch = probeTorch();
describe.skipIf('skipped' in torch)('PyTorch peer script (tiny sizes)', () => {
  it('times gemm, MLP (SGD, Adam) and LeNet-5 steps in float64 and float32 and returns sane JSON', () => {
    if ('skipped' in torch) return;
    expect(torch.version).toMatch(/^\d+\.\d+/);
    expect(torch.blas).not.toBe('');
    const results = runTorch(
      torch,
      {
        reps: 2,
        minSeconds: 0.001,
        gemm: [{ M: 8, N: 6, K: 5, ta: true, tb: false }],
        mlp: [
          { batch: 4, optimizer: 'sgd', layers: [12, 8, 10] },
          { batch: 4, optimizer: 'adam', layers: [12, 8, 10] },
        ],
        lenet: [{ batch: 2 }],
      },
      [1],
    );
    expect(results).toHaveLength(4 * 2);
    for (const r of results) {
      expect(['gemm', 'mlp', 'lenet']).toContain(r.kind);
      expect(['float64', 'float32']).toContain(r.dtype);
      expect(r.threads).toBe(1);
      expect(r.samples).toHaveLength(2);
      expect(Number.isFinite(r.median) && r.median > 0).toBe(true);
    }
    const mlp1: Record<string, number | null> = {};
    for (const r of results) if (r.kind === 'mlp' && r.index === 1) mlp1[torchColumn(r)] = 4 / r.median;
    addBestThreads(mlp1);
    expect(Object.keys(mlp1).sort()).toEqual(['torch-f32', 'torch-f32-1t', 'torch-f64', 'torch-f64-1t']);
    expect(mlp1['torch-f64']).toBe(mlp1['torch-f64-1t']);
  });
});
