export { Optimizer } from './optimizer.js';
export { SGD, type SgdOptions } from './sgd.js';
export { Adam, type AdamOptions } from './adam.js';
