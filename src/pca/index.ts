/**
 * PCA algorithms: LAE-PCA (§6.1, Algorithm 1) with the companion code's six variants, Oja's rule
 * (App. A), and the baselines (exact eigendecomposition / SVD, randomized SVD, subspace iteration),
 * behind one API, with the metrics that compare them.
 */
export { pca, pcaFromCovariance } from './pca.js';
export {
  LAE_METHODS,
  BASELINE_METHODS,
  PCA_METHODS,
  PCA_METHOD_LABELS,
  type LaeMethod,
  type BaselineMethod,
  type PcaMethod,
  type PcaOptions,
  type PcaResult,
  type PcaHistory,
  type PcaReference,
} from './types.js';
export { covariance, dataShape, type CovarianceOptions, type DataLayout } from './covariance.js';
export { laeHalfGradients, decoderDirections, solveEncoder, type LaeHalfGradients } from './lae.js';
export { rayleighRitz, ritzEstimate } from './baselines.js';
export { thinHistory } from './history.js';
export { ojaUpdate, ojaSummedIncrement, ojaFullBatchIncrement, ojaStochastic, ojaFullBatch, type OjaStochasticOptions } from './oja.js';
export { principalAngles, maxPrincipalAngleSine, componentErrors, eigenvalueRelativeErrors, orthonormalBasis, maxOf, type PrincipalAngles } from './metrics.js';
export { covarianceLoss, trainLaeCovariance, type CovarianceTrainOptions } from './train.js';
