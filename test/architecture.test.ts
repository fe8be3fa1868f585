/**
 * The floors of the house (docs/architecture.md): every relative import in src/ and sims/ is
 * read from the source, and a folder may import only its own floor's folder or lower floors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bottom to top; the folders on one floor do not import each other. */
const FLOORS: readonly (readonly string[])[] = [
  ['src/random'],
  ['src/tensor/kernels'],
  ['src/tensor'],
  ['src/charts', 'src/linalg', 'src/optim', 'src/nn'],
  ['src/data', 'src/alignment'],
  ['src/lae'],
  ['src/pca', 'src/report'],
  ['src/sim'],
  ['src/index.ts', 'sims'],
];

/** The unit a file belongs to: the longest FLOORS entry that contains it. */
function unitOf(file: string): string | undefined {
  const units = FLOORS.flat().filter((u) => file === u || file === `${u}.ts` || file.startsWith(`${u}/`));
  return units.sort((a, b) => b.length - a.length)[0];
}
const floorOf = (unit: string): number => FLOORS.findIndex((f) => f.includes(unit));

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );
}

/** Relative imports (static, `export … from`, dynamic and `import type`) of one file, as repo paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => relative(root, resolve(root, dirname(file), s)).replace(/\.js$/, '.ts'));
}

interface Edge { file: string; target: string }

/** The edges that go to another folder on the same floor or a higher one, as "file → target". */
function upward(list: readonly Edge[]): string[] {
  return list
    .filter(({ file, target }) => {
      const from = unitOf(file)!, to = unitOf(target);
      return to !== undefined && from !== to && floorOf(to) >= floorOf(from);
    })
    .map(({ file, target }) => `${file} → ${target}`);
}

const files = [...tsFiles('src'), ...tsFiles('sims')];
const edges = files.flatMap((file) => importsOf(file).map((target) => ({ file, target })));

describe('architecture: the import graph keeps its floors', () => {
  it('reads a real graph (every file is on a floor; the expected edges are there)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => unitOf(f) === undefined)).toEqual([]);
    const has = (from: string, to: string): boolean => edges.some((e) => unitOf(e.file) === from && unitOf(e.target) === to);
    expect(has('src/tensor', 'src/tensor/kernels')).toBe(true);
    expect(has('src/lae', 'src/tensor')).toBe(true);
    expect(has('sims', 'src/sim')).toBe(true);
  });

  it('nothing imports a folder on its own floor or a higher one', () => {
    expect(upward(edges)).toEqual([]);
  });

  it('flags an upward or sideways import (the check can fail)', () => {
    expect(upward([
      { file: 'src/tensor/kernels/gemm.ts', target: 'src/tensor/ops/unary.ts' },
      { file: 'src/nn/dense.ts', target: 'src/optim/adam.ts' },
      { file: 'src/lae/model.ts', target: 'src/tensor/index.ts' },
    ])).toEqual(['src/tensor/kernels/gemm.ts → src/tensor/ops/unary.ts', 'src/nn/dense.ts → src/optim/adam.ts']);
  });
});
