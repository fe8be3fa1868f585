/**
 * The tensor autograd core: Tensor, creation functions, ops (also available as methods),
 * grad mode, errors, and the size limit.
 */
export { Tensor, type Operand, type NestedArray } from './tensor.js';
export { zeros, ones, full, eye, rand, randn, tensor, fromData, type CreateOptions } from './create.js';
export { add, sub, mul, div } from './ops/arithmetic.js';
export { neg, square, sqrt, exp, log, abs, relu, sigmoid, tanh, pow } from './ops/unary.js';
export { sum, mean, sumSquares, trace } from './ops/reduce.js';
export { matmul, transpose, type MatmulOptions } from './ops/linear.js';
export { reshape, gatherRows, sliceRows, concatRows, cast } from './ops/layout.js';
export { DTYPES, isDType, dtypeOf, type DType, type FloatArray } from './kernels/dtype.js';
export { softmaxCrossEntropy, mse } from './ops/losses.js';
export { unfold, fold } from './ops/fold.js';
export { batchNorm, type BatchNormOptions as BatchNormOpOptions } from './ops/norm.js';
export { maxPool2d, avgPool2d, globalAvgPool2d, type Pool2dOptions } from './ops/pool.js';
export type { Window2d } from './kernels/index.js';
export { linear, conv2d, tapError, convWindow, ErrorTap, type InputGradient, type FeedbackOptions, type Conv2dOptions } from './ops/feedback.js';
export { noGrad, isGradEnabled } from './grad-mode.js';
export { setMaxTensorElements, getMaxTensorElements } from './autograd.js';
export { assertFiniteTraining } from './finite.js';
export { ShapeError, DivergenceError, SizeLimitError, formatShape } from './errors.js';
export { broadcastShapes } from './shape.js';
