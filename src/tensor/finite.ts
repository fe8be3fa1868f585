import { DivergenceError } from './errors.js';
import type { Tensor } from './tensor.js';

/**
 * The divergence guard for training loops: throws a DivergenceError naming the step and the first
 * parameter whose value or gradient is NaN/±Infinity (the loss is checked first when given).
 */
export function assertFiniteTraining(step: number, params: readonly Tensor[], loss?: number): void {
  if (loss !== undefined && !Number.isFinite(loss)) {
    throw new DivergenceError(`step ${step}: the loss is ${loss}; training diverged (lower the learning rate)`, step, 'loss');
  }
  for (const p of params) {
    p.assertFinite(step, 'value');
    p.grad?.assertFinite(step, 'gradient', p.name ?? 'tensor');
  }
}
