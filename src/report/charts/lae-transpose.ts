/** Fig. 3 (lae-transpose): ‖W1 − W2ᵀ‖²_F per Adam step, one line per loss, log y as in the PNG. */
import { downsampleMinMax } from '../../charts/downsample.js';
import { seriesColor } from '../../charts/palette.js';
import { LOSS_LABELS, type LossKind } from '../../lae/losses.js';
import { byLossOrder, needFile, needNumbers, needObject, unzip, type SectionBuilder } from './util.js';

export const laeTranspose: SectionBuilder = (sim) => {
  const data = needObject(needFile(sim, 'transpose-distance.json'), 'transpose-distance.json');
  const step = needNumbers(data['step'], 'transpose-distance.json step');
  const distance = needObject(data['distance'], 'transpose-distance.json distance');
  const losses = Object.keys(distance).sort(byLossOrder);
  const series = losses.map((loss, i) => {
    const y = needNumbers(distance[loss], `distance.${loss}`);
    // Log axis: zero or negative values cannot be drawn (the PNG leaves them out the same way).
    const points = step.map((x, j) => ({ x, y: y[j]! })).filter((p) => p.y > 0);
    return { label: LOSS_LABELS[loss as LossKind] ?? loss, ...unzip(downsampleMinMax(points)), color: seriesColor(i), width: 2 };
  });
  const params = sim.summary.params;
  return {
    charts: [{
      kind: 'xy',
      title: `Fig. 3: ‖W1 − W2ᵀ‖²_F during training (k = ${String(params['k'])}, λ = ${String(params['lambda'])})`,
      xLabel: 'Adam step',
      yLabel: '‖W1 − W2ᵀ‖² (Frobenius)',
      yLog: true,
      series,
    }],
    tables: [],
    notes: [],
  };
};
