import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { centerRows, loadMnist, MNIST_PIXELS, splitIndices } from '../src/data/index.js';
import { Rng } from '../src/random/rng.js';

describe('MNIST from the mnist package', () => {
  it('loads 10,000 images of 784 pixels in [0, 1] with labels 0–9, once', () => {
    const { images, labels } = loadMnist();
    expect(images.shape).toEqual([10000, MNIST_PIXELS]);
    expect(labels.length).toBe(10000);
    let lo = Infinity, hi = -Infinity;
    for (const v of images.data) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    const counts = new Array<number>(10).fill(0);
    for (const l of labels) counts[l]!++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(loadMnist()).toBe(loadMnist());
  });
  it('a missing, truncated or malformed digits file gives a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'laelab-mnist-'));
    expect(() => loadMnist(dir)).toThrow(/mnist: cannot read .*0\.json/);
    for (let d = 0; d < 10; d++) writeFileSync(join(dir, `${d}.json`), JSON.stringify({ data: new Array(784).fill(0.5) }));
    expect(loadMnist(dir).images.shape).toEqual([10, 784]);
    writeFileSync(join(dir, '3.json'), '{"data": [0, 0.5, 1');
    expect(() => loadMnist(dir)).toThrow(/mnist: .*3\.json is not valid JSON .*truncated/);
    writeFileSync(join(dir, '3.json'), JSON.stringify({ data: new Array(700).fill(0) }));
    expect(() => loadMnist(dir)).toThrow(/holds 700 values for digit 3, not a whole number of 784-pixel/);
    writeFileSync(join(dir, '3.json'), JSON.stringify({ data: new Array(784).fill(2) }));
    expect(() => loadMnist(dir)).toThrow(/value 2 at index 0 is not a pixel in \[0, 1\]/);
  });
});

describe('seeded splits and centring', () => {
  it('same seed, same split; different seed, different split; parts are disjoint', () => {
    const [a, b] = splitIndices(100, [80, 20], new Rng(3));
    const [a2] = splitIndices(100, [80, 20], new Rng(3));
    const [a3] = splitIndices(100, [80, 20], new Rng(4));
    expect(Array.from(a!)).toEqual(Array.from(a2!));
    expect(Array.from(a!)).not.toEqual(Array.from(a3!));
    expect(new Set([...a!, ...b!]).size).toBe(100);
    expect(() => splitIndices(10, [8, 3], new Rng(0))).toThrow(/adding up to at most 10/);
  });
  it('centerRows leaves zero column means', () => {
    const { images } = loadMnist();
    const c = centerRows(images.sliceRows(0, 500));
    const means = c.mean(0);
    for (const v of means.data) expect(Math.abs(v)).toBeLessThan(1e-12);
  });
});
