/**
 * Neural networks built from modules: dense and conv layers with feedback weights, pooling,
 * BatchNorm, residual blocks, activations; the MLP, LeNet-5 and ResNet architectures; cross-entropy,
 * accuracy, input standardisation.
 */
export { ACTIVATIONS, activate, checkActivation, type Activation } from './activation.js';
export { initHalfWidth, uniformInit } from './init.js';
export { Sequential, Network, Stateless, type Module } from './module.js';
export { FeedbackLayer, type FeedbackMode, type RowsLayout } from './feedback-layer.js';
export { Dense, type DenseOptions } from './dense.js';
export { Conv2d, type Conv2dLayerOptions } from './conv2d.js';
export { ActivationModule, Flatten, Residual } from './shape-modules.js';
export { MaxPool2d, AvgPool2d, GlobalAvgPool2d } from './pooling.js';
export { BatchNorm, type BatchNormOptions } from './batchnorm.js';
export { lenet5, resnet, type ImageNetOptions, type ResNetOptions } from './architectures.js';
export { Mlp, buildMlp, type MlpOptions } from './mlp.js';
export { crossEntropy, accuracy, evaluateLogits } from './loss.js';
export { fitStandardizer } from './preprocess.js';
