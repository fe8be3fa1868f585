/**
 * The kernel layer: the only code with hot loops over raw Float64Arrays and the only code that
 * knows memory layout (row-major, contiguous). Everything above calls these functions.
 */
export { gemm, gemmIkj } from './gemm.js';
export { BinaryOp, broadcastBinary, broadcastTo, sumToShape } from './broadcast.js';
export { UnaryOp, unary, unaryBackward, powScalar, powScalarBackward, axpy, scale, firstNonFinite } from './elementwise.js';
export {
  sumAll, dot, sumAxis, traceOf, transpose2d, gatherRows, scatterAddRows,
  softmaxCrossEntropyRows, softmaxCrossEntropyBackward,
} from './reduce.js';
export { sgdStep, adamStep } from './optim.js';
