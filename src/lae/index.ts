/** Linear autoencoders: the three losses of §2, the model, training, and the theory (./theory). */
export { LOSS_KINDS, LOSS_LABELS, laeLoss, regularizer, transposeDistance, type LossKind, type LaeLossOptions } from './losses.js';
export { laeGradient, type LaeGradient } from './gradient.js';
export { LinearAutoencoder, type LaeInit } from './model.js';
export { trainLae, type LaeTrainOptions, type LaeHistory } from './train.js';
