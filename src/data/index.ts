/** Data sets: MNIST from the `mnist` package (seeded splits, centring), CIFAR-10 binary batches, synthetic spectra. */
export { loadMnist, parseDigitFile, splitIndices, columnMeans, centerRows, MNIST_SIDE, MNIST_PIXELS, type MnistData } from './mnist.js';
export { spectrumMatrix, type SpectrumData } from './synthetic.js';
export {
  loadCifar10, parseCifar10Batch, resolveCifar10Dir, cifar10Rows, CIFAR10_CLASSES, CIFAR10_FOLDER, CIFAR10_PIXELS, CIFAR10_RECORD_BYTES,
  CIFAR10_SIDE, CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES, type Cifar10Data, type Cifar10Records,
} from './cifar10.js';
