import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CIFAR10_FOLDER,
  CIFAR10_PIXELS,
  CIFAR10_RECORD_BYTES,
  CIFAR10_TEST_FILE,
  CIFAR10_TRAIN_FILES,
  cifar10Rows,
  loadCifar10,
  parseCifar10Batch,
} from '../src/data/cifar10.js';

/** A batch file in the CIFAR-10 binary format: record r has label labels[r] and pixel j = (r·31 + j·7 + seed) mod 256. */
function batch(labels: readonly number[], seed: number): Uint8Array {
  const bytes = new Uint8Array(labels.length * CIFAR10_RECORD_BYTES);
  labels.forEach((label, r) => {
    bytes[r * CIFAR10_RECORD_BYTES] = label;
    for (let j = 0; j < CIFAR10_PIXELS; j++) bytes[r * CIFAR10_RECORD_BYTES + 1 + j] = (r * 31 + j * 7 + seed) % 256;
  });
  return bytes;
}

/** A folder with cifar-10-batches-bin/ holding 5 training batches of 2–3 records and a test batch of 2. */
function fakeCifar(): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'laelab-cifar-'));
  const folder = join(root, CIFAR10_FOLDER);
  mkdirSync(folder);
  CIFAR10_TRAIN_FILES.forEach((f, i) => writeFileSync(join(folder, f), batch(i % 2 ? [i, 9, 0] : [i, 1], i)));
  writeFileSync(join(folder, CIFAR10_TEST_FILE), batch([3, 7], 100));
  return { root, folder };
}

describe('CIFAR-10 binary loader', () => {
  it('reads labels and R, G, B planes record by record, from the parent folder or the batches folder', () => {
    const { root, folder } = fakeCifar();
    const data = loadCifar10(root);
    expect(data.dir).toBe(folder);
    expect(data.train.count).toBe(2 + 3 + 2 + 3 + 2);
    expect(Array.from(data.train.labels)).toEqual([0, 1, 1, 9, 0, 2, 1, 3, 9, 0, 4, 1]);
    expect(Array.from(data.test.labels)).toEqual([3, 7]);
    expect(loadCifar10(folder).train.count).toBe(12);
    const { images, labels } = cifar10Rows(data.test);
    expect(images.shape).toEqual([2, 3072]);
    expect(Array.from(labels)).toEqual([3, 7]);
    // record 1 of test_batch: red pixel (row 0, col 5) is byte j = 5, green plane starts at 1024, blue at 2048
    for (const j of [0, 5, 1024, 2048 + 32 * 31 + 31]) expect(images.get(1, j)).toBeCloseTo(((31 + j * 7 + 100) % 256) / 255, 15);
    // selected rows in the given order: training record 3 is data_batch_2's second record (label 9)
    const picked = cifar10Rows(data.train, [3, 0]);
    expect(Array.from(picked.labels)).toEqual([9, 0]);
    expect(picked.images.get(0, 10)).toBeCloseTo(((1 * 31 + 70 + 1) % 256) / 255, 15);
    expect(() => cifar10Rows(data.train, [12])).toThrow(/index 12 out of range for 12 records/);
  });

  it('rejects truncated files, bad labels, empty files and missing files with the file and record named', () => {
    const good = batch([1, 2, 3], 0);
    expect(parseCifar10Batch(good, 'x.bin').count).toBe(3);
    expect(() => parseCifar10Batch(good.subarray(0, 2 * CIFAR10_RECORD_BYTES + 100), 'x.bin')).toThrow(
      /cifar10: x\.bin has 6246 bytes, not a whole number of 3073-byte records \(2 records and 100 bytes over: record 2 is truncated\)/,
    );
    const badLabel = batch([1, 10, 3], 0);
    expect(() => parseCifar10Batch(badLabel, 'y.bin')).toThrow(/cifar10: y\.bin record 1 \(byte offset 3073\) has label 10, not a class 0–9/);
    expect(() => parseCifar10Batch(new Uint8Array(0), 'z.bin')).toThrow(/z\.bin is empty/);

    const { root, folder } = fakeCifar();
    writeFileSync(join(folder, 'data_batch_3.bin'), batch([0, 11], 0));
    expect(() => loadCifar10(root)).toThrow(/data_batch_3\.bin record 1 \(byte offset 3073\) has label 11/);
    writeFileSync(join(folder, 'data_batch_3.bin'), good.subarray(0, 5000));
    expect(() => loadCifar10(root)).toThrow(/data_batch_3\.bin has 5000 bytes, not a whole number/);

    const partial = mkdtempSync(join(tmpdir(), 'laelab-cifar-'));
    writeFileSync(join(partial, 'data_batch_1.bin'), good);
    expect(() => loadCifar10(partial)).toThrow(/lacks data_batch_2\.bin, data_batch_3\.bin, data_batch_4\.bin, data_batch_5\.bin, test_batch\.bin/);
    expect(() => loadCifar10(join(partial, 'nowhere'))).toThrow(/data folder .*nowhere does not exist/);
  });
});
