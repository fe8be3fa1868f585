/**
 * The kernel layer: the only code with hot loops over raw Float64Arrays and the only code that
 * knows memory layout (row-major, contiguous). Everything above calls these functions.
 *
 * Fast paths (WebAssembly SIMD in ./wasm/, worker threads for large products) sit behind the same
 * functions and are chosen by size (./config.ts); the plain TypeScript loops are the reference
 * and the fallback. LAELAB_KERNELS=js (or setKernelOptions({ backend: 'js' })) forces them.
 */
export { gemm, gemmJs, gemmIkj } from './gemm.js';
export { gemmWasm } from './wasm-gemm.js';
export { gemmThreads } from './wasm-pool.js';
export { sparseGramUpper, sparseGramUpperJs } from './sparse-gram.js';
export { sparseGramWasm } from './wasm-sparse-gram.js';
export { wasmRuntime, wasmFailure, type WasmVariant } from './wasm-runtime.js';
export { binaryWasm, reluWasm, reluBackwardWasm } from './wasm-elementwise.js';
export { getKernelOptions, setKernelOptions, DEFAULT_KERNEL_OPTIONS, type KernelOptions, type KernelBackend } from './config.js';
export { BinaryOp, broadcastBinary, broadcastTo, sumToShape } from './broadcast.js';
export { reluForward, reluBackward, powScalar, powScalarBackward, axpy, scale, firstNonFinite } from './elementwise.js';
export {
  sumAll, dot, sumAxis, addRowVector, traceOf, transpose2d, gatherRows, scatterAddRows,
  softmaxCrossEntropyRows, softmaxCrossEntropyBackward,
} from './reduce.js';
export { sgdStep, adamStep } from './optim.js';
export { channelStats, normalize, normalizeBackward } from './norm.js';
export { maxPool, maxPoolBackward, avgPool, avgPoolBackward } from './pool.js';
export { im2col, col2im, rowsToChannels, channelsToRows, type Window2d } from './im2col.js';
