import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParameterError, parseSimulationArgs, type ParamSpecs } from '../../src/sim/index.js';
import { kebabCase, parseRunArgs } from '../../src/sim/params.js';
import { tempDir, toy, toyParams } from './toy.js';

const parse = (argv: string[]) => parseSimulationArgs(toy, argv);

/** The one-line ParameterError message `parser` (the toy's by default) throws for `argv`. */
function errorOf(argv: string[], parser: (argv: string[]) => unknown = parse): string {
  try {
    parser(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(ParameterError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parsing', () => {
  it('uses quick defaults, seed 0 and the results folder when nothing is given', () => {
    expect(parse([])).toEqual({
      options: { seed: 0, full: false, out: 'results' },
      params: { n: 10, lr: 0.1, mode: 'sum', lambdas: [1, 2], losses: ['l2'], verbose: false },
    });
  });

  it('parses every kind, in both --name value and --name=value forms', () => {
    const { options, params } = parse([
      '--n', '42', '--lr=1e-2', '--mode', 'none', '--lambdas', '0, 2.5,10', '--losses=l1,l2', '--verbose', '--seed', '7', '--out=o',
    ]);
    expect(options).toEqual({ seed: 7, full: false, out: 'o' });
    expect(params).toEqual({ n: 42, lr: 0.01, mode: 'none', lambdas: [0, 2.5, 10], losses: ['l1', 'l2'], verbose: true });
  });

  it('reads booleans as a bare switch or with true/false', () => {
    expect(parse(['--verbose', 'false']).params['verbose']).toBe(false);
    expect(parse(['--verbose=true']).params['verbose']).toBe(true);
    expect(parse(['--verbose', '--n', '3']).params).toMatchObject({ verbose: true, n: 3 });
  });

  it('takes full presets under --full, and explicit values over them', () => {
    expect(parse(['--full']).params).toMatchObject({ n: 50, mode: 'product', lr: 0.1 });
    expect(parse(['--full', '--n', '5']).params['n']).toBe(5);
    expect(parse(['--full=false']).options.full).toBe(false);
  });

  it('hands out fresh arrays, never the declaration', () => {
    const lambdas = parse([]).params['lambdas'] as number[];
    lambdas.push(99);
    expect(toyParams.lambdas.default).toEqual([1, 2]);
  });
});

describe('bad values give one line naming the parameter, the value and what is allowed', () => {
  it.each([
    [['--lr', 'abc'], '--lr: expected a number in (0, 1], got "abc"'],
    [['--lr', 'NaN'], '--lr: expected a number in (0, 1], got "NaN"'],
    [['--lr', 'Infinity'], '--lr: expected a number in (0, 1], got "Infinity"'],
    [['--lr', '1e999'], '--lr: expected a number in (0, 1], got "1e999"'],
    [['--lr', '0'], '--lr: expected a number in (0, 1], got "0"'],
    [['--lr', '-0.5'], '--lr: expected a number in (0, 1], got "-0.5"'],
    [['--lr', '0x1'], '--lr: expected a number in (0, 1], got "0x1"'],
    [['--lr='], '--lr: expected a number in (0, 1], got ""'],
    [['--n', '2.5'], '--n: expected an integer in [1, 100], got "2.5"'],
    [['--n', '101'], '--n: expected an integer in [1, 100], got "101"'],
    [['--mode', 'l3'], '--mode: expected one of sum|product|none, got "l3"'],
    [['--verbose', 'yes'], '--verbose: expected true or false, got "yes"'],
    [['--lambdas', '1,x'], '--lambdas: expected a comma-separated list of 1 to 4 numbers in [0, 10], got "1,x" (entry "x")'],
    [['--lambdas', '1,-1'], '--lambdas: expected a comma-separated list of 1 to 4 numbers in [0, 10], got "1,-1" (entry "-1")'],
    [['--lambdas', '1,,2'], '--lambdas: expected a comma-separated list of 1 to 4 numbers in [0, 10], got "1,,2" (entry "")'],
    [['--lambdas', '1,2,3,4,5'], '--lambdas: expected a comma-separated list of 1 to 4 numbers in [0, 10], got "1,2,3,4,5" (5 entries)'],
    [['--lambdas', ''], '--lambdas: expected a comma-separated list of 1 to 4 numbers in [0, 10], got "" (0 entries)'],
    [['--losses', 'l2,l4'], '--losses: expected a comma-separated subset of l2|l1, got "l2,l4" (entry "l4")'],
    [['--losses', 'l2,l2'], '--losses: expected a comma-separated subset of l2|l1, got "l2,l2" (entry "l2" repeated)'],
    [['--losses='], '--losses: expected a comma-separated subset of l2|l1, got ""'],
    [['--seed', '-1'], '--seed: expected a non-negative integer, got "-1"'],
    [['--seed', '1.5'], '--seed: expected a non-negative integer, got "1.5"'],
    [['--full', 'maybe'], '--full: expected true or false, got "maybe"'],
    [['--out='], '--out: expected a folder path, got ""'],
    [['--lr'], '--lr: missing value (expected a number in (0, 1])'],
    [['--lr', '--n', '3'], '--lr: missing value (expected a number in (0, 1])'],
    [['--seed'], '--seed: missing value'],
    [['--n', '3', '--n=4'], '--n: given more than once ("3" and "4")'],
    [['stray'], 'unexpected argument "stray"; parameters are given as --name value'],
  ])('%j', (argv, message) => {
    expect(errorOf(argv)).toBe(message);
  });

  it('lists the valid parameters for an unknown one', () => {
    expect(errorOf(['--rate', '1'])).toBe('unknown parameter --rate; valid: --n, --lr, --mode, --lambdas, --losses, --verbose, --seed, --full, --out');
  });

  it('accepts only --seed and --out without --full', () => {
    expect(() => parseRunArgs({}, ['--full'], false)).toThrow('unknown parameter --full; valid: --seed, --out');
  });
});

/** Declarations with path parameters and camelCase names (parsed directly, without a simulation). */
const specs: ParamSpecs = {
  dataDir: { kind: 'path', mustExist: 'dir', default: '', help: 'a folder' },
  configFile: { kind: 'path', mustExist: 'file', default: '', help: 'a file' },
  anyPath: { kind: 'path', default: '', help: 'anything' },
  batchSize: { kind: 'integer', min: 1, max: 9, default: 2, help: 'rows per step' },
  n: { kind: 'integer', min: 1, max: 9, default: 1, help: 'steps' },
};
const parseSpecs = (argv: string[]) => parseRunArgs(specs, argv).params;
const specsErrorOf = (argv: string[]): string => errorOf(argv, parseSpecs);

describe('path parameters', () => {
  const root = tempDir();
  const file = join(root, 'settings.txt');
  writeFileSync(file, 'x');
  const missing = join(root, 'nope');

  it('leave an empty default as "not given" and resolve a folder or file to an absolute path', () => {
    expect(parseSpecs([])).toMatchObject({ dataDir: '', configFile: '', anyPath: '' });
    const relativeRoot = relative(process.cwd(), root);
    expect(isAbsolute(relativeRoot)).toBe(false);
    expect(parseSpecs(['--dataDir', relativeRoot, `--configFile=${file}`])).toMatchObject({ dataDir: root, configFile: file });
    expect(parseSpecs(['--anyPath', 'not/there'])['anyPath']).toBe(join(process.cwd(), 'not', 'there'));
  });

  it('refuse empty, missing, a file for a folder and a folder for a file, in one line', () => {
    expect(specsErrorOf(['--dataDir='])).toBe('--dataDir: expected a path to an existing folder, got ""');
    expect(specsErrorOf(['--dataDir', ' '])).toBe('--dataDir: expected a path to an existing folder, got " "');
    expect(specsErrorOf(['--anyPath='])).toBe('--anyPath: expected a path, got ""');
    expect(specsErrorOf(['--dataDir', missing])).toBe(`--dataDir: expected a path to an existing folder, got "${missing}" (no such file or folder)`);
    expect(specsErrorOf(['--dataDir', join(file, 'below')])).toBe(`--dataDir: expected a path to an existing folder, got "${join(file, 'below')}" (no such file or folder)`);
    expect(specsErrorOf(['--dataDir', file])).toBe(`--dataDir: expected a path to an existing folder, got "${file}" (it is a file)`);
    expect(specsErrorOf(['--configFile', root])).toBe(`--configFile: expected a path to an existing file, got "${root}" (it is a folder)`);
    expect(specsErrorOf(['--configFile', missing])).toBe(`--configFile: expected a path to an existing file, got "${missing}" (no such file or folder)`);
  });

  it('name the resolved path when it differs from what was typed', () => {
    expect(specsErrorOf(['--dataDir=no-such-folder'])).toBe(
      `--dataDir: expected a path to an existing folder, got "no-such-folder" (${join(process.cwd(), 'no-such-folder')}: no such file or folder)`,
    );
  });

  it('expand a leading ~ and ~/ to the home folder', () => {
    const saved = process.env['HOME'];
    process.env['HOME'] = root; // os.homedir() reads $HOME
    try {
      mkdirSync(join(root, 'data'), { recursive: true });
      expect(parseSpecs(['--dataDir=~/data'])['dataDir']).toBe(join(root, 'data'));
      expect(parseSpecs(['--dataDir', '~'])['dataDir']).toBe(root);
      expect(parseSpecs(['--anyPath=~user/x'])['anyPath']).toBe(join(process.cwd(), '~user', 'x'));
      expect(specsErrorOf(['--dataDir=~/nope'])).toBe(`--dataDir: expected a path to an existing folder, got "~/nope" (${missing}: no such file or folder)`);
    } finally {
      if (saved === undefined) delete process.env['HOME'];
      else process.env['HOME'] = saved;
    }
  });
});

describe('kebab-case aliases', () => {
  it('spell every camelCase name in kebab case', () => {
    expect(kebabCase('dataDir')).toBe('data-dir');
    expect(kebabCase('fullBatchSteps')).toBe('full-batch-steps');
    expect(kebabCase('companionN')).toBe('companion-n');
    expect(kebabCase('n')).toBe('n');
  });

  it('accept both spellings, with a space or =', () => {
    for (const argv of [['--batch-size', '5'], ['--batch-size=5'], ['--batchSize', '5'], ['--batchSize=5']]) {
      expect(parseSpecs(argv)['batchSize'], argv.join(' ')).toBe(5);
    }
    expect(parseSpecs(['--data-dir', tempDir()])['dataDir']).not.toBe('');
  });

  it('count both spellings of one parameter as giving it twice', () => {
    expect(specsErrorOf(['--batchSize', '4', '--batch-size=5'])).toBe('--batch-size: given more than once, also as --batchSize ("4" and "5")');
    expect(specsErrorOf(['--batch-size', '4', '--batch-size', '5'])).toBe('--batch-size: given more than once ("4" and "5")');
  });

  it('name the flag as typed in value errors, and the canonical names for an unknown one', () => {
    expect(specsErrorOf(['--batch-size', 'x'])).toBe('--batch-size: expected an integer in [1, 9], got "x"');
    expect(specsErrorOf(['--batchSize', 'x'])).toBe('--batchSize: expected an integer in [1, 9], got "x"');
    expect(specsErrorOf(['--batch-size'])).toBe('--batch-size: missing value (expected an integer in [1, 9])');
    expect(specsErrorOf(['--data-dir='])).toBe('--data-dir: expected a path to an existing folder, got ""');
    const valid = 'valid: --dataDir, --configFile, --anyPath, --batchSize, --n, --seed, --full, --out';
    expect(specsErrorOf(['--batch_size', '3'])).toBe(`unknown parameter --batch_size; ${valid}`);
    expect(specsErrorOf(['--Batch-size', '3'])).toBe(`unknown parameter --Batch-size; ${valid}`);
  });
});
