import { describe, expect, expectTypeOf, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSimulation, parseSimulationArgs, type ParamSpecs } from '../../src/sim/index.js';
import { toyParams } from './toy.js';

const base = { title: 't', description: 'd', run: () => ({}) };

describe('defineSimulation', () => {
  it('types ctx.params from the declaration', () => {
    defineSimulation({
      ...base,
      name: 'typed',
      params: toyParams,
      run: (ctx) => {
        expectTypeOf(ctx.params).toEqualTypeOf<
          Readonly<{ n: number; lr: number; mode: 'sum' | 'product' | 'none'; lambdas: number[]; losses: ('l2' | 'l1')[]; verbose: boolean }>
        >();
        return {};
      },
    });
  });

  it('rejects reserved parameter names, for the type checker and at run time', () => {
    for (const name of ['seed', 'full', 'out', 'help']) {
      const params: ParamSpecs = { [name]: { kind: 'boolean', default: false, help: '' } };
      expect(() => defineSimulation({ ...base, name: 'bad', params })).toThrow(`parameter "${name}": the name is reserved`);
    }
    // @ts-expect-error seed is reserved
    expect(() => defineSimulation({ ...base, name: 'bad', params: { seed: { kind: 'integer', min: 0, max: 9, default: 0, help: '' } } })).toThrow();
  });

  it('rejects defaults and full values the command line would not accept', () => {
    expect(() =>
      defineSimulation({ ...base, name: 'bad', params: { lr: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0, help: '' } } }),
    ).toThrow('simulation "bad", parameter "lr": bad default value: --lr: expected a number in (0, 1], got "0"');
    expect(() =>
      defineSimulation({ ...base, name: 'bad', params: { mode: { kind: 'choice', choices: ['a'], default: 'a', full: 'b', help: '' } } }),
    ).toThrow('bad full value: --mode: expected one of a, got "b"');
  });

  it('types a path as a string and checks only non-empty path presets', () => {
    const home = homedir();
    const sim = defineSimulation({
      ...base,
      name: 'paths',
      params: {
        dataDir: { kind: 'path', mustExist: 'dir', default: '', full: '~', help: '' },
        anyPath: { kind: 'path', default: '', help: '' },
      },
      run: (ctx) => {
        expectTypeOf(ctx.params).toEqualTypeOf<Readonly<{ dataDir: string; anyPath: string }>>();
        return {};
      },
    });
    // an empty preset stays "not given"; a full preset comes back resolved
    expect(parseSimulationArgs(sim, []).params).toEqual({ dataDir: '', anyPath: '' });
    expect(parseSimulationArgs(sim, ['--full']).params).toEqual({ dataDir: home, anyPath: '' });
    const missing = join(mkdtempSync(join(tmpdir(), 'laelab-define-')), 'nope');
    expect(() =>
      defineSimulation({ ...base, name: 'bad', params: { dataDir: { kind: 'path', mustExist: 'dir', default: '', full: missing, help: '' } } }),
    ).toThrow(`parameter "dataDir": bad full value: --dataDir: expected a path to an existing folder, got "${missing}" (no such file or folder)`);
  });

  it('rejects bad names', () => {
    expect(() => defineSimulation({ ...base, name: 'Bad_Name', params: {} })).toThrow("use lower-case words joined by '-'");
    expect(() =>
      defineSimulation({ ...base, name: 'ok', params: { 'two-words': { kind: 'boolean', default: false, help: '' } } }),
    ).toThrow('use a camelCase identifier');
  });

  it('runs the cross-parameter check on both presets', () => {
    expect(() =>
      defineSimulation({
        ...base,
        name: 'checked',
        params: { k: { kind: 'integer', min: 1, max: 9, default: 2, full: 8, help: '' }, m: { kind: 'integer', min: 1, max: 9, default: 5, help: '' } },
        check: (p) => (p.k > p.m ? `--k (${p.k}) must not exceed --m (${p.m})` : undefined),
      }),
    ).toThrow('simulation "checked": the full presets fail its check: --k (8) must not exceed --m (5)');
  });
});
