/**
 * The LAE-on-MNIST training parameters shared by mnist-directions (Fig. 7) and mnist-embedding
 * (Fig. 8), declared once so both simulations train, and describe their training, the same way.
 */
import type { ParamSpecs } from '../src/sim/index.js';

export const MNIST_LAE_PARAMS = {
  mode: { kind: 'choice', choices: ['covariance', 'minibatch'], default: 'covariance', full: 'minibatch', help: 'full-batch Adam on the covariance form (centred) or minibatch Adam on the pixels (with bias)' },
  lambda: { kind: 'number', min: 0, max: 1e6, default: 3125, help: 'λ, full-data convention (3125 = companion λ 10 × n/batch); direction i is learned only where σ_i² > λ (σ_2² ≈ 38,000)' },
  steps: { kind: 'integer', min: 1, max: 100_000, default: 2000, help: 'covariance mode: Adam steps' },
  epochs: { kind: 'integer', min: 1, max: 1000, default: 2, full: 100, help: 'minibatch mode: epochs' },
  batchSize: { kind: 'integer', min: 1, max: 10_000, default: 32, help: 'minibatch mode: batch size' },
  lr: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 0.05, help: 'Adam learning rate' },
  decay: { kind: 'number', min: 0, max: 10, default: 5e-3, full: 1e-3, help: 'Adam time decay lr/(1 + decay·t) (companion: 1e-3 over 31,250 minibatch steps; 5e-3 lets 2000 full-batch steps converge)' },
  initStd: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 0.05, help: 'normal initialization std' },
} as const satisfies ParamSpecs;
