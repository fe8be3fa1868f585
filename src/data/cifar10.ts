/**
 * CIFAR-10 in its standard binary format, read from a folder the user supplies (it cannot be
 * downloaded here). Each record is 1 label byte (0–9) and 3072 pixel bytes: the 1024 red values,
 * then 1024 green, then 1024 blue, each a row-major 32 × 32 image. The training set is
 * data_batch_1.bin … data_batch_5.bin (10,000 records each), the test set test_batch.bin, in the
 * folder `cifar-10-batches-bin/` of the official archive.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromData, type Tensor } from '../tensor/index.js';

export const CIFAR10_SIDE = 32;
export const CIFAR10_PIXELS = 3 * CIFAR10_SIDE * CIFAR10_SIDE;
/** Bytes per record: one label byte and 3072 pixel bytes. */
export const CIFAR10_RECORD_BYTES = 1 + CIFAR10_PIXELS;
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
export const CIFAR10_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'] as const;
export const CIFAR10_TEST_FILE = 'test_batch.bin';
/** The folder name inside the official archive. */
export const CIFAR10_FOLDER = 'cifar-10-batches-bin';

/** Records of one or more batch files, kept as bytes (50,000 training images are 150 MB). */
export interface Cifar10Records {
  /** count × 3072 pixel bytes, in file order (R plane, G plane, B plane per record). */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface Cifar10Data {
  /** The folder the batch files were read from. */
  readonly dir: string;
  readonly train: Cifar10Records;
  readonly test: Cifar10Records;
}

/**
 * Parses one batch file's bytes, checking record by record: the length is a positive multiple of
 * 3073 and every label byte is a class 0–9. Errors name the file (`source`) and the record.
 */
export function parseCifar10Batch(bytes: Uint8Array, source: string): Cifar10Records {
  if (bytes.length === 0) throw new Error(`cifar10: ${source} is empty; expected records of ${CIFAR10_RECORD_BYTES} bytes`);
  if (bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    const whole = Math.floor(bytes.length / CIFAR10_RECORD_BYTES);
    throw new Error(
      `cifar10: ${source} has ${bytes.length} bytes, not a whole number of ${CIFAR10_RECORD_BYTES}-byte records ` +
        `(${whole} records and ${bytes.length - whole * CIFAR10_RECORD_BYTES} bytes over: record ${whole} is truncated); the file is truncated or not CIFAR-10 binary`,
    );
  }
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * CIFAR10_PIXELS);
  for (let r = 0; r < count; r++) {
    const offset = r * CIFAR10_RECORD_BYTES;
    const label = bytes[offset]!;
    if (label > 9) throw new Error(`cifar10: ${source} record ${r} (byte offset ${offset}) has label ${label}, not a class 0–9; the file is corrupt or not CIFAR-10 binary`);
    labels[r] = label;
    pixels.set(bytes.subarray(offset + 1, offset + CIFAR10_RECORD_BYTES), r * CIFAR10_PIXELS);
  }
  return { pixels, labels, count };
}

/** The folder holding the batch files: `dir` itself or its `cifar-10-batches-bin/`. */
export function resolveCifar10Dir(dir: string): string {
  const files = [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE];
  const candidates = [join(dir, CIFAR10_FOLDER), dir];
  for (const c of candidates) {
    if (files.every((f) => existsSync(join(c, f)))) return c;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`cifar10: data folder ${dir} does not exist; download the binary version (cifar-10-binary.tar.gz) and extract it there`);
  const best = candidates.find((c) => existsSync(c) && files.some((f) => existsSync(join(c, f)))) ?? dir;
  const missing = files.filter((f) => !existsSync(join(best, f)));
  throw new Error(`cifar10: ${best} lacks ${missing.join(', ')}; expected the CIFAR-10 binary files (${files.join(', ')}) in ${dir} or ${join(dir, CIFAR10_FOLDER)}`);
}

function readRecords(dir: string, files: readonly string[]): Cifar10Records {
  const parts = files.map((f) => {
    const path = join(dir, f);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new Error(`cifar10: cannot read ${path} (${(err as Error).message})`);
    }
    return parseCifar10Batch(bytes, path);
  });
  const count = parts.reduce((s, p) => s + p.count, 0);
  const pixels = new Uint8Array(count * CIFAR10_PIXELS);
  const labels = new Uint8Array(count);
  let row = 0;
  for (const p of parts) {
    pixels.set(p.pixels, row * CIFAR10_PIXELS);
    labels.set(p.labels, row);
    row += p.count;
  }
  return { pixels, labels, count };
}

/** Reads and validates the five training batches and the test batch from `dir` (see resolveCifar10Dir). */
export function loadCifar10(dir: string): Cifar10Data {
  const folder = resolveCifar10Dir(dir);
  return { dir: folder, train: readRecords(folder, CIFAR10_TRAIN_FILES), test: readRecords(folder, [CIFAR10_TEST_FILE]) };
}

/**
 * Rows of the records (all, or `indices` in that order) as an N × 3072 float64 matrix with values
 * in [0, 1] (byte/255, file order: R, G, B planes), with their labels.
 */
export function cifar10Rows(records: Cifar10Records, indices?: ArrayLike<number>): { images: Tensor; labels: Uint8Array } {
  const n = indices?.length ?? records.count;
  const images = new Float64Array(n * CIFAR10_PIXELS);
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = indices === undefined ? k : indices[k]!;
    if (!Number.isInteger(r) || r < 0 || r >= records.count) throw new RangeError(`cifar10Rows: index ${r} out of range for ${records.count} records`);
    labels[k] = records.labels[r]!;
    const src = r * CIFAR10_PIXELS;
    const dst = k * CIFAR10_PIXELS;
    for (let j = 0; j < CIFAR10_PIXELS; j++) images[dst + j] = records.pixels[src + j]! / 255;
  }
  return { images: fromData(images, [n, CIFAR10_PIXELS]), labels };
}
