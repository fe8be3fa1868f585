/** Neural networks: dense layers with feedback weights, MLPs, cross-entropy, accuracy, input standardisation. */
export { ACTIVATIONS, activate, checkActivation, type Activation } from './activation.js';
export { initHalfWidth, uniformInit } from './init.js';
export { Dense, type DenseOptions, type LayerTrace } from './dense.js';
export { Mlp, buildMlp, type MlpOptions } from './mlp.js';
export { crossEntropy, accuracy, evaluateLogits } from './loss.js';
export { fitStandardizer } from './preprocess.js';
