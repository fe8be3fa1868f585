import { describe, expect, it } from 'vitest';
import { addBestThreads } from '../../sims/bench/peers/torch.js';
import { evaluateTargets, formatTable } from '../../sims/bench/report.js';
import { MLP_REFERENCE, type Section } from '../../sims/bench/types.js';

const section = (id: string, name: string, values: Record<string, number | null>): Section => ({
  id,
  title: id,
  figures: [{ section: id, name, unit: 'samples/s', higherIsBetter: true, values }],
  notes: [],
});

describe('bench targets against PyTorch', () => {
  it('takes the best thread setting per dtype', () => {
    const v: Record<string, number | null> = { 'torch-f64-1t': 40, 'torch-f64-2t': 10, 'torch-f32-1t': 70, 'torch-f32-2t': null };
    addBestThreads(v);
    expect(v['torch-f64']).toBe(40);
    expect(v['torch-f32']).toBe(70);
  });

  it('reports met, missed by how much, and what was not measured', () => {
    const mlp = section('mlp', MLP_REFERENCE, { laelab: 15, 'laelab-f32': 44, 'tfjs-wasm': 5, 'torch-f64': 40, 'torch-f32': 80 });
    const lenet = section('lenet', 'LeNet-5 training', { laelab: null, 'tfjs-wasm': 250, 'torch-f64': 470 });
    const t = evaluateTargets([mlp, lenet]);
    const by = (s: string) => t.find((x) => x.target.startsWith(s))!;
    expect(by('MLP training: ≥ 2× TensorFlow.js wasm')).toMatchObject({ met: true, measured: '3.00×' });
    // 15 / 40 = 0.375 against 0.5: missed by 25 %
    expect(by(`${MLP_REFERENCE}: ≥ 0.5× PyTorch`)).toMatchObject({ met: false, measured: '0.38× (missed by 25 %)' });
    expect(by('LeNet-5 training: ≥ 1× TensorFlow.js wasm')).toMatchObject({ met: null, measured: 'not measured (laelab)' });
    // the float32 option against PyTorch's float32: 44 / 80 = 0.55
    expect(by(`${MLP_REFERENCE}, float32: ≥ 0.5× PyTorch's best float32`)).toMatchObject({ met: true, measured: '0.55×' });
    expect(by("LeNet-5 training: ≥ 0.3× PyTorch's best float64")).toMatchObject({ met: null });
    expect(by("LeNet-5 training, float32: ≥ 0.3×")).toMatchObject({ met: null, measured: 'not measured (laelab float32, PyTorch f32 best)' });
    const table = formatTable([mlp, lenet], t, []);
    expect(table).toContain('laelab ÷ PyTorch f64 best');
    expect(table).toContain('laelab float32 ÷ PyTorch f32 best');
    expect(table).toMatch(/MISSED\s+MLP 784-256-256-10 training, batch 64, SGD: ≥ 0.5× PyTorch/);
  });
});
