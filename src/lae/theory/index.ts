/** The paper's theory, executable: critical points, curvature, and the theorems of §2–§4 and the appendices. */
export { spectralData, columnsOf, type SpectralData } from './spectral.js';
export {
  indexSets, criticalLossValue, activeDirections, criticalPoint, criticalPoints, pseudoInverse, randomFrame, type CriticalPoint,
} from './critical-points.js';
export { laeHessian } from './hessian.js';
export {
  grassmannianIndex, paperCurvature, correctedCurvature, measureCurvature, sameCounts, curvatureDiscrepancy,
  type CurvatureCounts, type MeasuredCurvature,
} from './curvature.js';
export { curvatureTable, curvatureAgreement, type CurvatureRow } from './curvature-table.js';
export {
  ppcaMaximumLikelihood, ppcaEm, laeToPpca, loadingGramError, ppcaLogLikelihood, type PpcaEmOptions, type PpcaEmResult,
} from './ppca.js';
export {
  optimalBias, lossAtOptimalBias, denoisingLossMonteCarlo, denoisingExpectedLoss, jacobianCentralDifference, contractiveLoss,
  type MonteCarloEstimate,
} from './equivalences.js';
export {
  scalarLoss, scalarGradient, scalarHessian, scalarHessianEigenvalues, scalarCriticalPoints, scalarGrid,
  type Vec2, type Mat2, type ScalarPointType, type ScalarCriticalPoint, type ScalarCriticalCurve, type ScalarCriticalSet,
} from './scalar.js';
export {
  principalSubspaces, morseIndex, grassmannianLoss, grassmannianHessian, predictedHessianEigenvalues, grassmannianTable,
  type GrassmannianHessian, type GrassmannianHessianOptions, type GrassmannianRow,
} from './grassmannian.js';
export { eigenSym2, eigenvector2 } from './eigen2.js';
export {
  classify, hyperbolaPieces, rootsOf, newtonCriticalPoints, gradientDescent, arrival, principalAxes,
  type Landscape, type PointType, type Source, type CriticalPointInfo, type CriticalCurveInfo, type CriticalSet, type DescentResult,
} from './landscape2.js';
export { scalarLandscape, scalarCritical, effectiveKind, usesTheory, type ScalarSettings } from './scalar-alpha.js';
export { tiedCovariance, tiedLandscape, tiedCritical, type TiedSettings } from './tied.js';
export { ALIGNMENT_PRESETS, alignmentLandscape, alignmentCritical, type AlignmentSettings } from './alignment-landscape.js';
