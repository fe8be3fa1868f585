import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/sim/index.js';
import { ResultFolder, toJsonText } from '../../src/sim/results.js';
import { tempDir } from './toy.js';

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temp file', () => {
    const dir = tempDir();
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new');
    writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('removes its temp file when the write fails', () => {
    const dir = tempDir();
    // Renaming a file onto a folder fails after the temp file was written.
    expect(() => writeFileAtomic(dir, 'x')).toThrow();
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith(`${basename(dir)}.tmp-`))).toEqual([]);
  });
});

describe('toJsonText', () => {
  it.each([
    [{ loss: NaN }, 'metrics.loss is NaN'],
    [{ curve: [1, Infinity] }, 'metrics.curve[1] is Infinity'],
    [{ a: { b: -Infinity } }, 'metrics.a.b is -Infinity'],
    [{ w: new Float64Array(2) }, 'metrics.w is a Float64Array, not JSON data'],
    [{ f: undefined }, 'metrics.f is undefined, not JSON data'],
  ])('refuses %o', (value, message) => {
    expect(() => toJsonText(value, 'metrics')).toThrow(message);
  });
});

describe('ResultFolder', () => {
  it('writes into sub-folders, records files once, and keeps paths inside the folder', () => {
    const folder = new ResultFolder(join(tempDir(), 'sim'));
    folder.write('series/loss.json', '[]');
    folder.write('series/loss.json', '[1]');
    expect(folder.files).toEqual([join('series', 'loss.json')]);
    expect(() => folder.write('../escape.txt', '')).toThrow('must be a relative path inside');
    expect(() => folder.write('/abs.txt', '')).toThrow('must be a relative path inside');
    expect(() => folder.write('summary.json', '')).toThrow('reserved for the run summary');
  });
});
