/**
 * laelab — the public API, from one entry point.
 *
 * Floors (each imports only from those below): sims → sim framework, charts → lae, pca,
 * alignment → nn → optim → linalg → tensor (with its kernels) → random.
 */

/** The tensor autograd core: Tensor, creation, ops, grad mode, errors. */
export * from './tensor/index.js';
/** The one seeded random generator. */
export { Rng } from './random/rng.js';
/** Optimizers: SGD (momentum, weight decay) and Adam (with time decay). */
export * from './optim/index.js';
/** Dense linear algebra: SVD, symmetric eigen, QR, solves, Haar-random orthogonal matrices. */
export * from './linalg/index.js';
/** Linear autoencoders: the three losses, training, and the paper's theory. */
export * from './lae/index.js';
export * from './lae/theory/index.js';
/** PCA: LAE-PCA (Algorithm 1) and its variants, Oja's rule, baselines, metrics. */
export * from './pca/index.js';
/** Neural networks: dense layers with feedback weights B, MLPs, cross-entropy, accuracy. */
export * from './nn/index.js';
/** Learning rules without weight transport: rules, registry/plug-ins, primitives, metrics, trainer. */
export * from './alignment/index.js';
/** Data sets: MNIST (seeded splits), CIFAR-10 binary batches, synthetic spectra. */
export * from './data/index.js';
/** PNG charts. */
export * from './charts/index.js';
/** The simulation framework. */
export * from './sim/index.js';
