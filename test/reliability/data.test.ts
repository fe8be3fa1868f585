/**
 * Category 6: a missing or malformed dataset gives a clear error naming the file, never data.
 *
 * - MNIST digit files (the `mnist` package's JSON): random small files cut short anywhere, with
 *   a wrong number of values (not whole 28 × 28 images), a value outside [0, 1] or of the wrong
 *   type, or the wrong structure; a truncated real digit file and a missing one through loadMnist.
 * - CIFAR-10 binary batches: random record counts cut to a length that is not whole 3073-byte
 *   records, a label byte above 9, empty files; missing folders and files, a truncated batch
 *   through loadCifar10; and, for registered simulations with a `cifar10` data set, the CLI.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CIFAR10_FOLDER, CIFAR10_PIXELS, CIFAR10_RECORD_BYTES, CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES, loadCifar10, parseCifar10Batch,
} from '../../src/data/cifar10.js';
import { loadMnist, MNIST_PIXELS, parseDigitFile } from '../../src/data/mnist.js';
import { Rng } from '../../src/random/rng.js';
import { simulations } from '../../sims/registry.js';
import { attempt, propertyRuns, propertySeed, recordProperty, trackCounts } from './counter.js';
import { cli, listFiles, tempDir } from './sims.js';

trackCounts('data');

/** The property must hold for every case; the cases are counted under "data". */
function check<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts>): void {
  const details = fc.check(property, { numRuns: propertyRuns(), seed: propertySeed() });
  recordProperty('data', details);
  expect(details.failed, `${name}: ${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`).toBe(false);
}

/** `f` throws an Error whose message starts with `prefix` and contains every part; returns nothing. */
function expectError(f: () => unknown, prefix: string, parts: readonly (string | RegExp)[]): void {
  let result: unknown;
  try {
    result = f();
  } catch (err) {
    const message = (err as Error).message;
    expect(message.startsWith(prefix), message).toBe(true);
    for (const p of parts) expect(message).toMatch(typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p);
    return;
  }
  throw new Error(`expected an error, got a result: ${JSON.stringify(result)?.slice(0, 100)}`);
}

/** Pixels of `images` digits, quarter steps in [0, 1]. */
function pixels(images: number, seed: number): number[] {
  const rng = new Rng(`pixels-${seed}`);
  return Array.from({ length: images * MNIST_PIXELS }, () => rng.int(5) / 4);
}

describe('MNIST digit files', () => {
  it(`random malformed files (${propertyRuns()} cases): an error naming the file, never pixels`, () => {
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('truncated' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
      fc.record({ kind: fc.constant('dimensions' as const), delta: fc.integer({ min: -(MNIST_PIXELS - 1), max: MNIST_PIXELS - 1 }).filter((d) => d !== 0) }),
      fc.record({ kind: fc.constant('value' as const), at: fc.nat(), value: fc.constantFrom<unknown>(-0.25, 1.5, 255, null, '0.5', true, [0.5], {}) }),
      fc.record({ kind: fc.constant('structure' as const), text: fc.constantFrom('null', '[]', '{}', '{"data": "pixels"}', '{"pixels": [0.5]}', '{"data": []}', '', '"data"') }),
    );
    check('mnist', fc.property(fc.integer({ min: 1, max: 2 }), fc.nat({ max: 1000 }), corruption, (images, seed, c) => {
      const data = pixels(images, seed);
      const source = `/data/digits/${seed % 10}.json`;
      const good = JSON.stringify({ data });
      expect(parseDigitFile(good, seed % 10, source)).toEqual(Float64Array.from(data)); // the uncut file parses
      switch (c.kind) {
        case 'truncated': {
          const text = good.slice(0, Math.floor(c.at * good.length));
          return expectError(() => parseDigitFile(text, seed % 10, source), 'mnist: ', [source]);
        }
        case 'dimensions': {
          const cut = c.delta < 0 ? data.slice(0, data.length + c.delta) : [...data, ...data.slice(0, c.delta)];
          return expectError(() => parseDigitFile(JSON.stringify({ data: cut }), seed % 10, source), 'mnist: ', [source, `holds ${cut.length} values`, '784-pixel']);
        }
        case 'value': {
          const at = c.at % data.length;
          const bad = data.slice() as unknown[];
          bad[at] = c.value;
          return expectError(() => parseDigitFile(JSON.stringify({ data: bad }), seed % 10, source), 'mnist: ', [source, `at index ${at}`, 'not a pixel in [0, 1]']);
        }
        case 'structure':
          return expectError(() => parseDigitFile(c.text, seed % 10, source), 'mnist: ', [source]);
      }
    }));
  });

  it('a truncated real digit file or a missing one stops loadMnist with the file named', async () => {
    const real = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
    const dir = tempDir('laelab-mnist-');
    for (let d = 0; d < 10; d++) copyFileSync(join(real, `${d}.json`), join(dir, `${d}.json`));
    const seven = readFileSync(join(dir, '7.json'), 'utf8');
    await attempt('data', () => {
      writeFileSync(join(dir, '7.json'), seven.slice(0, Math.floor(seven.length * 0.6)));
      expectError(() => loadMnist(dir), 'mnist: ', [join(dir, '7.json'), 'not valid JSON', 'truncated']);
    });
    await attempt('data', () => {
      // cut at a comma between two values: valid JSON once closed, but not whole images
      const cut = seven.slice(0, seven.indexOf(',', Math.floor(seven.length * 0.6)));
      writeFileSync(join(dir, '7.json'), `${cut}]}`);
      expectError(() => loadMnist(dir), 'mnist: ', [join(dir, '7.json'), 'not a whole number of 784-pixel']);
    });
    await attempt('data', () => {
      writeFileSync(join(dir, '7.json'), seven);
      expect(loadMnist(dir).images.shape).toEqual([10_000, MNIST_PIXELS]);
    });
    await attempt('data', () => {
      const missing = tempDir('laelab-mnist-');
      expectError(() => loadMnist(missing), 'mnist: cannot read ', [join(missing, '0.json')]);
    });
  }, 60_000);
});

/** A batch file of records with the given labels (pixels from the seed). */
function batch(labels: readonly number[], seed: number): Uint8Array {
  const bytes = new Uint8Array(labels.length * CIFAR10_RECORD_BYTES);
  labels.forEach((label, r) => {
    bytes[r * CIFAR10_RECORD_BYTES] = label;
    for (let j = 0; j < CIFAR10_PIXELS; j++) bytes[r * CIFAR10_RECORD_BYTES + 1 + j] = (r * 31 + j * 7 + seed) % 256;
  });
  return bytes;
}

/** A CIFAR-10 folder (cifar-10-batches-bin/ inside `root`) of small valid batches. */
function fakeCifar(): { root: string; folder: string } {
  const root = tempDir('laelab-cifar-');
  const folder = join(root, CIFAR10_FOLDER);
  mkdirSync(folder);
  CIFAR10_TRAIN_FILES.forEach((f, i) => writeFileSync(join(folder, f), batch([i, 9, 0, 1], i)));
  writeFileSync(join(folder, CIFAR10_TEST_FILE), batch([3, 7, 1, 2], 100));
  return { root, folder };
}

describe('CIFAR-10 binary batches: the record length is validated', () => {
  it(`random cut or mislabelled batches (${propertyRuns()} cases): an error naming the file and record`, () => {
    check('cifar10', fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
      fc.oneof(
        fc.record({ kind: fc.constant('truncated' as const), keep: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
        fc.record({ kind: fc.constant('extra' as const), bytes: fc.integer({ min: 1, max: CIFAR10_RECORD_BYTES - 1 }) }),
        fc.record({ kind: fc.constant('label' as const), record: fc.nat(), label: fc.integer({ min: 10, max: 255 }) }),
      ),
      (labels, c) => {
        const good = batch(labels, labels.length);
        const parsed = parseCifar10Batch(good, 'x.bin');
        expect([parsed.count, Array.from(parsed.labels)]).toEqual([labels.length, labels]);
        if (c.kind === 'label') {
          const r = c.record % labels.length;
          const bad = good.slice();
          bad[r * CIFAR10_RECORD_BYTES] = c.label;
          return expectError(() => parseCifar10Batch(bad, 'x.bin'), 'cifar10: x.bin ', [`record ${r} (byte offset ${r * CIFAR10_RECORD_BYTES}) has label ${c.label}`]);
        }
        const length = c.kind === 'extra' ? good.length + c.bytes : Math.floor(c.keep * good.length);
        const bytes = c.kind === 'extra' ? Uint8Array.from([...good, ...good.subarray(0, c.bytes)]) : good.subarray(0, length);
        if (length === 0) return expectError(() => parseCifar10Batch(bytes, 'x.bin'), 'cifar10: x.bin ', ['is empty']);
        if (length % CIFAR10_RECORD_BYTES === 0) return; // a whole number of records is a valid (shorter) batch
        const whole = Math.floor(length / CIFAR10_RECORD_BYTES);
        return expectError(() => parseCifar10Batch(bytes, 'x.bin'), 'cifar10: x.bin ', [`has ${length} bytes`, `3073-byte records`, `record ${whole} is truncated`]);
      },
    ));
  });

  it('missing folder, missing batch, truncated batch: loadCifar10 names what is wrong', async () => {
    await attempt('data', () => expectError(() => loadCifar10(join(tempDir(), 'nowhere')), 'cifar10: ', ['nowhere does not exist']));
    const { root, folder } = fakeCifar();
    await attempt('data', () => expect(loadCifar10(root).train.count).toBe(20));
    await attempt('data', () => {
      writeFileSync(join(folder, 'data_batch_4.bin'), batch([1, 2], 0).subarray(0, CIFAR10_RECORD_BYTES + 10));
      expectError(() => loadCifar10(root), 'cifar10: ', [join(folder, 'data_batch_4.bin'), 'record 1 is truncated']);
    });
    await attempt('data', () => {
      const partial = tempDir('laelab-cifar-');
      writeFileSync(join(partial, 'data_batch_1.bin'), batch([1], 0));
      expectError(() => loadCifar10(partial), 'cifar10: ', ['lacks data_batch_2.bin', CIFAR10_TEST_FILE]);
    });
  });

  /** Registered simulations that can read CIFAR-10 (a `dataset` choice with `cifar10`), from --data-dir. */
  const cifarSims = simulations.filter((s) => {
    const spec = s.params['dataset'];
    return spec?.kind === 'choice' && spec.choices.includes('cifar10');
  });
  it.each(cifarSims.map((s) => [s.name] as const))('%s --dataset cifar10 on a truncated batch: exit 1, the file named, no summary', async (name) => {
    const { root, folder } = fakeCifar();
    writeFileSync(join(folder, 'test_batch.bin'), batch([1, 2], 0).subarray(0, 100));
    await attempt('data', async () => {
      const out = tempDir();
      const { code, stderr } = await cli([name, '--dataset', 'cifar10', '--data-dir', root, '--out', out], simulations);
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(/cifar10: .*test_batch\.bin has 100 bytes/);
      expect(listFiles(out).filter((f) => f.endsWith('summary.json'))).toEqual([]);
    });
  }, 60_000);
});
