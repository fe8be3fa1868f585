/**
 * Small-tensor overhead: the Fig. 3 run of the paper — 20 × 20 data with σ_i = i (§5.1), k = λ = 10,
 * Adam lr 0.05 with time decay 0.1, 4000 steps, each of the three losses — in seconds for all three.
 */
import { spectrumMatrix } from '../../src/data/synthetic.js';
import { LOSS_KINDS, trainLae } from '../../src/lae/index.js';
import { Rng } from '../../src/random/rng.js';
import { setKernelOptions } from '../../src/tensor/kernels/index.js';
import { time } from './timing.js';
import type { Section } from './types.js';

export function fig3Run(steps: number): () => void {
  const rng = new Rng('bench-fig3');
  const { X } = spectrumMatrix(20, 20, Array.from({ length: 20 }, (_, i) => i + 1), rng);
  return () => {
    for (const loss of LOSS_KINDS) {
      trainLae(X, { k: 10, loss, lambda: 10, steps, optimizer: 'adam', lr: 0.05, decay: 0.1, initStd: 0.05, rng: rng.fork(loss) });
    }
  };
}

export function benchFig3(o: { reps: number; steps: number }): Section {
  const values: Record<string, number | null> = {};
  values['laelab'] = time(fig3Run(o.steps), o.reps).median;
  const prev = setKernelOptions({ backend: 'js' });
  values['laelab-js'] = time(fig3Run(o.steps), o.reps).median;
  setKernelOptions(prev);
  console.error(`  Fig. 3 run: laelab ${values['laelab']!.toFixed(3)} s`);
  return {
    id: 'fig3',
    title: 'small-tensor overhead (seconds, lower is better)',
    figures: [{ section: 'fig3', name: `Fig. 3 run: 20×20, k=10, ${o.steps} Adam steps × 3 losses`, unit: 's', higherIsBetter: false, values }],
    notes: [],
  };
}
