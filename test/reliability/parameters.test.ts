/**
 * Category 2: for every registered simulation and every declared parameter, values of the wrong
 * type, out of range, NaN, negative and empty (for paths: empty, missing, a file for a folder) — as
 * `--name=value`, as `--name value` and, for camelCase names, as `--kebab-name value` — each give
 * exit code 2, one line on stderr naming the flag as typed, the value and the allowed range, nothing
 * on stdout, and write nothing. Driven by sims/registry.ts, so a new simulation is covered as it is added.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParamSpec, Simulation } from '../../src/sim/index.js';
import { describeAllowed, formatValue, kebabCase } from '../../src/sim/params.js';
import { simulations } from '../../sims/registry.js';
import { attemptAll, trackCounts } from './counter.js';
import { cli, listFiles, tempDir } from './sims.js';

trackCounts('parameters');

type Flavour = 'wrong type' | 'out of range' | 'NaN' | 'negative' | 'empty';

interface BadValue {
  readonly flavour: Flavour;
  readonly raw: string;
}

const step = (x: number): number => Math.max(1, Math.abs(x));

/** Bad values for a number or integer in [min, max] (or (min, max]). */
function badScalars(spec: { min: number; max: number; exclusiveMin?: boolean }, integer: boolean): BadValue[] {
  const out: BadValue[] = [
    { flavour: 'wrong type', raw: 'abc' },
    { flavour: 'wrong type', raw: 'true' },
    { flavour: 'wrong type', raw: '0x10' },
    { flavour: 'wrong type', raw: '1,2' },
    { flavour: 'out of range', raw: 'Infinity' },
    { flavour: 'out of range', raw: '1e400' },
    { flavour: 'NaN', raw: 'NaN' },
    { flavour: 'NaN', raw: 'nan' },
    { flavour: 'empty', raw: '' },
    { flavour: 'empty', raw: ' ' },
  ];
  if (integer) out.push({ flavour: 'wrong type', raw: '1.5' }, { flavour: 'out of range', raw: '9007199254740993' });
  if (Number.isFinite(spec.max)) out.push({ flavour: 'out of range', raw: String(spec.max + step(spec.max)) });
  if (Number.isFinite(spec.min)) out.push({ flavour: 'out of range', raw: String(spec.exclusiveMin ? spec.min : spec.min - step(spec.min)) });
  const below = (x: number): boolean => (spec.exclusiveMin ? x <= spec.min : x < spec.min);
  for (const raw of ['-1', '-0.5', '-1e6']) if (below(Number(raw)) || (integer && !Number.isInteger(Number(raw)))) out.push({ flavour: 'negative', raw });
  return out;
}

/** A path that does not exist, and a regular file. */
function badPaths(): { missing: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'a-file.txt');
  writeFileSync(file, 'not a folder\n');
  return { missing: join(dir, 'no-such-folder'), file };
}

/** Bad values for one declared parameter, by kind. */
function badValues(spec: ParamSpec): BadValue[] {
  switch (spec.kind) {
    case 'number':
      return badScalars(spec, false);
    case 'integer':
      return badScalars(spec, true);
    case 'boolean':
      return [
        ...['abc', '1', '0', 'yes', 'TRUE'].map((raw) => ({ flavour: 'wrong type' as const, raw })),
        { flavour: 'out of range', raw: '2' },
        { flavour: 'NaN', raw: 'NaN' },
        { flavour: 'negative', raw: '-1' },
        { flavour: 'empty', raw: '' },
      ];
    case 'choice': {
      const [first, second] = spec.choices;
      const out: BadValue[] = [
        { flavour: 'out of range', raw: 'no-such-choice' },
        { flavour: 'wrong type', raw: '3' },
        { flavour: 'NaN', raw: 'NaN' },
        { flavour: 'negative', raw: '-1' },
        { flavour: 'empty', raw: '' },
        { flavour: 'out of range', raw: ` ${first}` },
      ];
      if (first !== undefined && first.toUpperCase() !== first) out.push({ flavour: 'out of range', raw: first.toUpperCase() });
      if (second !== undefined) out.push({ flavour: 'wrong type', raw: `${first},${second}` });
      return out;
    }
    case 'numberList': {
      const ok = formatValue(spec.default[0]!);
      const out: BadValue[] = [
        ...badScalars(spec, false).filter((b) => b.raw !== '1,2' && b.raw.trim() !== ''),
        { flavour: 'wrong type', raw: `${ok},abc` },
        { flavour: 'NaN', raw: `${ok},NaN` },
        { flavour: 'empty', raw: '' },
        { flavour: 'empty', raw: ',' },
        { flavour: 'empty', raw: `${ok},,${ok}` },
      ];
      if (Number.isFinite(spec.max)) out.push({ flavour: 'out of range', raw: `${ok},${spec.max + step(spec.max)}` });
      if (spec.maxLength !== undefined) out.push({ flavour: 'out of range', raw: Array.from({ length: spec.maxLength + 1 }, () => ok).join(',') });
      if ((spec.minLength ?? 1) > 1) out.push({ flavour: 'out of range', raw: Array.from({ length: spec.minLength! - 1 }, () => ok).join(',') });
      return out;
    }
    case 'choiceList': {
      const first = spec.choices[0]!;
      return [
        { flavour: 'out of range', raw: 'no-such-choice' },
        { flavour: 'out of range', raw: `${first},no-such-choice` },
        { flavour: 'out of range', raw: `${first},${first}` },
        { flavour: 'wrong type', raw: '3' },
        { flavour: 'NaN', raw: 'NaN' },
        { flavour: 'negative', raw: '-1' },
        { flavour: 'empty', raw: '' },
        { flavour: 'empty', raw: ',' },
      ];
    }
    case 'path': {
      const out: BadValue[] = [
        { flavour: 'empty', raw: '' },
        { flavour: 'empty', raw: ' ' },
      ];
      if (spec.mustExist === undefined) return out;
      const { missing, file } = badPaths();
      out.push({ flavour: 'out of range', raw: missing }, { flavour: 'wrong type', raw: spec.mustExist === 'dir' ? file : tempDir() });
      return out;
    }
  }
}

/** The flavours every parameter of this kind must be tested with. */
function requiredFlavours(spec: ParamSpec): Flavour[] {
  if (spec.kind !== 'path') return ['wrong type', 'out of range', 'NaN', 'empty'];
  return spec.mustExist === undefined ? ['empty'] : ['wrong type', 'out of range', 'empty'];
}

/** The ways of giving a value on the command line, and the flag each types for a parameter name. */
const FORMS = [
  { form: '--name=value', flag: (name: string) => name, argv: (flag: string, raw: string) => [`--${flag}=${raw}`] },
  { form: '--name value', flag: (name: string) => name, argv: (flag: string, raw: string) => [`--${flag}`, raw] },
  { form: '--kebab-name value', flag: kebabCase, argv: (flag: string, raw: string) => [`--${flag}`, raw] },
] as const;

/** The forms that apply to `name` (the kebab form only when it differs from the name). */
const formsFor = (name: string) => FORMS.filter((f) => f.form !== '--kebab-name value' || kebabCase(name) !== name);

async function expectRefused(sim: Simulation, args: string[], flag: string, raw: string, allowed: string): Promise<void> {
  const out = tempDir();
  const { code, stdout, stderr } = await cli([sim.name, ...args, '--out', out], simulations);
  expect(code, stderr).toBe(2);
  expect(stdout).toBe('');
  expect(stderr, 'one line').toMatch(/^error: [^\n]+\n$/);
  expect(stderr, 'names the flag as typed').toContain(`--${flag}:`);
  expect(stderr, 'names the value').toContain(`"${raw}"`);
  expect(stderr, 'names the allowed range').toContain(allowed);
  expect(listFiles(out), 'writes nothing').toEqual([]);
}

describe.each(simulations.map((sim) => [sim.name, sim] as const))('bad parameters: %s', (_, sim) => {
  it.each(Object.entries(sim.params))('--%s: wrong type, out of range, NaN, negative, empty → exit 2, one line, nothing written', async (name, spec) => {
    const cases = badValues(spec).flatMap((bad) => formsFor(name).map((f) => ({ ...bad, ...f })));
    for (const flavour of requiredFlavours(spec)) expect(cases.some((c) => c.flavour === flavour)).toBe(true);
    await attemptAll(
      'bad parameters',
      cases,
      (c) => `${c.flavour} ${JSON.stringify(c.raw)} as ${c.form}`,
      (c) => expectRefused(sim, c.argv(c.flag(name), c.raw), c.flag(name), c.raw, describeAllowed(spec)),
    );
  });

  it('--seed: wrong type, negative, fractional, NaN, empty → exit 2', async () => {
    await attemptAll(
      'bad parameters',
      ['abc', '-1', '1.5', 'NaN', '', '1e400'],
      (raw) => JSON.stringify(raw),
      (raw) => expectRefused(sim, [`--seed=${raw}`], 'seed', raw, 'a non-negative integer'),
    );
  });
});
