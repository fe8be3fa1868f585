/** Data sets: MNIST from the `mnist` package (seeded splits, centring) and synthetic spectra. */
export { loadMnist, parseDigitFile, splitIndices, columnMeans, centerRows, MNIST_SIDE, MNIST_PIXELS, type MnistData } from './mnist.js';
export { spectrumMatrix, type SpectrumData } from './synthetic.js';
