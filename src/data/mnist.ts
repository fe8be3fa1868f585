import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Rng } from '../random/rng.js';
import { fromData, type Tensor } from '../tensor/index.js';

/** Image side and pixel count of an MNIST digit. */
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** The 10,000 digits of the `mnist` package (the MNIST test set), one row per image. */
export interface MnistData {
  /** N × 784 pixels in [0, 1], rows are images (row-major 28 × 28). */
  images: Tensor;
  /** Digit labels 0–9, one per row. */
  labels: Uint8Array;
}

let cache: MnistData | undefined;

/** Folder of the package's digit files (mnist/src/digits/<d>.json, each `{ data: number[] }`). */
function digitsFolder(): string {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    throw new Error('mnist: the `mnist` package is not installed (run npm ci)');
  }
}

/** Parses one digit's file, checking it holds whole 784-pixel images with values in [0, 1]. */
export function parseDigitFile(text: string, digit: number, source: string): Float64Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`mnist: ${source} is not valid JSON (${(err as Error).message}); the file is truncated or corrupt, reinstall the package`);
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error(`mnist: ${source} has no "data" array of pixels for digit ${digit}`);
  if (data.length === 0 || data.length % MNIST_PIXELS !== 0) {
    throw new Error(`mnist: ${source} holds ${data.length} values for digit ${digit}, not a whole number of ${MNIST_PIXELS}-pixel (28 × 28) images`);
  }
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as unknown;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`mnist: ${source} value ${String(v)} at index ${i} is not a pixel in [0, 1]`);
    out[i] = v;
  }
  return out;
}

/**
 * Loads the `mnist` package's 10,000 digits once per process (cached): images as one N × 784
 * Float64Array matrix with pixels in [0, 1], ordered by digit, and their labels. The package's own
 * `set()` shuffles with Math.random, so it is not used; split with `splitIndices` instead.
 */
export function loadMnist(folder?: string): MnistData {
  if (folder === undefined && cache) return cache;
  const dir = folder ?? digitsFolder();
  const parts: Float64Array[] = [];
  let total = 0;
  for (let d = 0; d < 10; d++) {
    const file = join(dir, `${d}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`mnist: cannot read ${file}; is the mnist package installed completely?`);
    }
    const pixels = parseDigitFile(text, d, file);
    parts.push(pixels);
    total += pixels.length / MNIST_PIXELS;
  }
  const images = new Float64Array(total * MNIST_PIXELS);
  const labels = new Uint8Array(total);
  let row = 0;
  parts.forEach((pixels, d) => {
    images.set(pixels, row * MNIST_PIXELS);
    const n = pixels.length / MNIST_PIXELS;
    labels.fill(d, row, row + n);
    row += n;
  });
  const data = { images: fromData(images, [total, MNIST_PIXELS]), labels };
  if (folder === undefined) cache = data;
  return data;
}

/** A seeded split of row indices 0..n−1 into consecutive parts of the given sizes (e.g. train/test). */
export function splitIndices(n: number, sizes: readonly number[], rng: Rng): Int32Array[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (sizes.some((s) => !Number.isInteger(s) || s < 0) || total > n) {
    throw new RangeError(`splitIndices: sizes [${sizes.join(', ')}] must be non-negative integers adding up to at most ${n}`);
  }
  const order = rng.permutation(n);
  let start = 0;
  return sizes.map((s) => {
    const part = order.slice(start, start + s);
    start += s;
    return part;
  });
}

/** Column means of a matrix whose rows are data points (1 × d). */
export function columnMeans(rows: Tensor): Tensor {
  return rows.mean(0, true).detach();
}

/** Rows minus their column means: the mean-centred data (App. A: bias ⇔ centring). */
export function centerRows(rows: Tensor): Tensor {
  return rows.sub(columnMeans(rows)).detach();
}
