/**
 * Command-line values → typed parameters. Every bad input throws a one-line ParameterError that
 * names the flag, the value given and what is allowed.
 */
import type { ParamSpec, ParamSpecs, ParamValue } from './define.js';
import { existenceProblem, resolvePath } from './paths.js';

/** Bad command-line input (the CLI exits with code 2 and prints only the message). */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}

/** The options every simulation run takes besides its own parameters. */
export interface RunOptions {
  readonly seed: number;
  readonly full: boolean;
  /** Results root; files go to `<out>/<simulation name>`. */
  readonly out: string;
}

/** The built-in flags, for `--help`. */
export const BUILTIN_FLAGS: readonly (readonly [flag: string, help: string])[] = [
  ['--seed N', 'seed of the random generator, a non-negative integer (default 0)'],
  ['--full', 'use the full presets instead of the quick defaults'],
  ['--out DIR', 'results root (default results); files go to DIR/<name>'],
  ['--rule-file FILE', 'load a learning rule from a file that calls defineRule (repeatable; npm run sim only, see docs/sweeps.md)'],
];

export const DEFAULT_OUT = 'results';

/** Names the CLI keeps for itself; a simulation cannot declare them. */
export const RESERVED_NAMES = ['seed', 'full', 'out', 'help'] as const;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NAME = /^[a-z][a-zA-Z0-9]*$/;
const SIM_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function bound(x: number): string {
  return x === Infinity ? '∞' : x === -Infinity ? '-∞' : String(x);
}

function interval(min: number, max: number, exclusiveMin = false): string {
  const open = exclusiveMin || min === -Infinity ? '(' : '[';
  const close = max === Infinity ? ')' : ']';
  return `${open}${bound(min)}, ${bound(max)}${close}`;
}

/** What a parameter accepts, e.g. "a number in (0, 10]" or "one of sum|product". */
export function describeAllowed(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
      return `a number in ${interval(spec.min, spec.max, spec.exclusiveMin)}`;
    case 'integer':
      return `an integer in ${interval(spec.min, spec.max)}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${spec.choices.join('|')}`;
    case 'numberList': {
      const lo = spec.minLength ?? 1;
      const hi = spec.maxLength ?? Infinity;
      const count = hi === Infinity ? `${lo} or more` : lo === hi ? `${lo}` : `${lo} to ${hi}`;
      return `a comma-separated list of ${count} numbers in ${interval(spec.min, spec.max, spec.exclusiveMin)}`;
    }
    case 'choiceList':
      return `a comma-separated subset of ${spec.choices.join('|')}`;
    case 'path':
      return spec.mustExist === 'dir' ? 'a path to an existing folder' : spec.mustExist === 'file' ? 'a path to an existing file' : 'a path';
  }
}

/** The kebab-case alias of a camelCase name (`batchSize` → `batch-size`); names without capitals are their own. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A value as it would be typed on the command line. */
export function formatValue(value: ParamSpec['default']): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function parseNumber(text: string): number | undefined {
  const x = NUMBER.test(text) ? Number(text) : NaN;
  return Number.isFinite(x) ? x : undefined;
}

function inRange(x: number, min: number, max: number, exclusiveMin = false): boolean {
  return (exclusiveMin ? x > min : x >= min) && x <= max;
}

/**
 * Parses one raw value for `spec`; throws ParameterError naming `--name`, the value and the range.
 * Paths come back absolute (see resolvePath) and, with `mustExist`, checked against the disk.
 */
export function parseValue(name: string, spec: ParamSpec, raw: string): ParamValue {
  const fail = (detail = ''): never => {
    throw new ParameterError(`--${name}: expected ${describeAllowed(spec)}, got "${raw}"${detail}`);
  };
  const entries = (): string[] => (raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim()));
  switch (spec.kind) {
    case 'number': {
      const x = parseNumber(raw);
      return x !== undefined && inRange(x, spec.min, spec.max, spec.exclusiveMin) ? x : fail();
    }
    case 'integer': {
      const x = parseNumber(raw);
      return x !== undefined && Number.isSafeInteger(x) && inRange(x, spec.min, spec.max) ? x : fail();
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : fail();
    case 'choice':
      return spec.choices.includes(raw) ? raw : fail();
    case 'numberList': {
      const items = entries();
      const values = items.map((item) => {
        const x = parseNumber(item);
        return x !== undefined && inRange(x, spec.min, spec.max, spec.exclusiveMin) ? x : fail(` (entry "${item}")`);
      });
      const lengthOk = values.length >= (spec.minLength ?? 1) && values.length <= (spec.maxLength ?? Infinity);
      return lengthOk ? values : fail(` (${values.length} entries)`);
    }
    case 'choiceList': {
      const items = entries();
      if (items.length === 0) fail();
      items.forEach((item, i) => {
        if (!spec.choices.includes(item)) fail(` (entry "${item}")`);
        if (items.indexOf(item) !== i) fail(` (entry "${item}" repeated)`);
      });
      return items;
    }
    case 'path': {
      if (raw.trim() === '') fail();
      const path = resolvePath(raw);
      const problem = spec.mustExist === undefined ? undefined : existenceProblem(path, spec.mustExist);
      return problem === undefined ? path : fail(` (${path === raw ? '' : `${path}: `}${problem})`);
    }
  }
}

/**
 * Checks a declaration: simulation and parameter names, reserved names, and that every default
 * and full value is one the command line would accept (they go through `parseValue`); an empty
 * path preset means "not given" and is not checked.
 */
export function checkDeclaration(simName: string, specs: ParamSpecs): void {
  if (!SIM_NAME.test(simName)) throw new Error(`simulation name "${simName}": use lower-case words joined by '-'`);
  for (const [name, spec] of Object.entries(specs)) {
    const where = `simulation "${simName}", parameter "${name}"`;
    if ((RESERVED_NAMES as readonly string[]).includes(name)) throw new Error(`${where}: the name is reserved by the CLI`);
    if (!NAME.test(name)) throw new Error(`${where}: use a camelCase identifier`);
    if ((spec.kind === 'choice' || spec.kind === 'choiceList') && spec.choiceHelp !== undefined) {
      const stray = Object.keys(spec.choiceHelp).find((c) => !spec.choices.includes(c));
      if (stray !== undefined) throw new Error(`${where}: choiceHelp describes "${stray}", which is not one of ${spec.choices.join('|')}`);
    }
    for (const [preset, value] of [['default', spec.default], ['full', spec.full]] as const) {
      if (value === undefined || (spec.kind === 'path' && value === '')) continue;
      try {
        parseValue(name, spec, formatValue(value));
      } catch (err) {
        throw new Error(`${where}: bad ${preset} value: ${(err as Error).message}`);
      }
    }
  }
}

interface Flag {
  readonly name: string;
  /** undefined when the flag had no value (`--full`, or a value-less `--lr`). */
  readonly value: string | undefined;
}

/**
 * Splits argv into flags; accepts `--name value` and `--name=value`. There are no positional
 * arguments, so a token that is not a flag is always the value of the flag before it.
 */
function splitFlags(argv: readonly string[]): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--') || token === '--') throw new ParameterError(`unexpected argument "${token}"; parameters are given as --name value`);
    const eq = token.indexOf('=');
    if (eq >= 0) {
      flags.push({ name: token.slice(2, eq), value: token.slice(eq + 1) });
      continue;
    }
    const name = token.slice(2);
    const next = argv[i + 1];
    const takesNext = next !== undefined && !next.startsWith('--');
    flags.push({ name, value: takesNext ? next : undefined });
    if (takesNext) i++;
  }
  return flags;
}

const FULL_SPEC: ParamSpec = { kind: 'boolean', default: false, help: '' };

function parseSeed(text: string): number {
  const x = parseNumber(text);
  if (x === undefined || !Number.isSafeInteger(x) || x < 0) throw new ParameterError(`--seed: expected a non-negative integer, got "${text}"`);
  return x;
}

/** A preset as the run receives it: arrays copied (a run cannot alter the declaration), paths resolved. */
function presetValue(name: string, spec: ParamSpec, preset: ParamSpec['default']): ParamValue {
  if (Array.isArray(preset)) return [...preset];
  return spec.kind === 'path' && preset !== '' ? parseValue(name, spec, preset as string) : (preset as ParamValue);
}

/**
 * Parses a run's arguments against `specs`: explicit values win, then the full preset (with
 * `--full`), then the quick default. Every camelCase name is also accepted in kebab case
 * (`--batch-size` for `--batchSize`); errors name the flag as it was typed. `allowFull: false`
 * rejects `--full` (used by `--all`).
 */
export function parseRunArgs(
  specs: ParamSpecs,
  argv: readonly string[],
  allowFull = true,
): { options: RunOptions; params: Record<string, ParamValue> } {
  const builtins = allowFull ? ['seed', 'full', 'out'] : ['seed', 'out'];
  const canonical = new Map<string, string>();
  for (const name of [...Object.keys(specs), ...builtins]) canonical.set(name, name).set(kebabCase(name), name);
  const isSwitch = (name: string): boolean => name === 'full' || specs[name]?.kind === 'boolean';
  /** Canonical name → the flag as typed and its text. */
  const given = new Map<string, { flag: string; text: string }>();
  for (const { name: flag, value } of splitFlags(argv)) {
    const name = canonical.get(flag);
    if (name === undefined) {
      const valid = [...Object.keys(specs), ...builtins].map((n) => `--${n}`).join(', ');
      throw new ParameterError(`unknown parameter --${flag}; valid: ${valid}`);
    }
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    const previous = given.get(name);
    if (previous !== undefined) {
      const also = previous.flag === flag ? '' : `, also as --${previous.flag}`;
      throw new ParameterError(`--${flag}: given more than once${also} ("${previous.text}" and "${value ?? ''}")`);
    }
    if (value === undefined && !isSwitch(name)) {
      throw new ParameterError(`--${flag}: missing value` + (spec ? ` (expected ${describeAllowed(spec)})` : ''));
    }
    given.set(name, { flag, text: value ?? 'true' });
  }

  const seedText = given.get('seed')?.text;
  const fullText = given.get('full')?.text;
  const out = given.get('out')?.text ?? DEFAULT_OUT;
  if (out.trim() === '') throw new ParameterError('--out: expected a folder path, got ""');
  const options: RunOptions = {
    seed: seedText === undefined ? 0 : parseSeed(seedText),
    full: fullText !== undefined && (parseValue('full', FULL_SPEC, fullText) as boolean),
    out,
  };

  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const typed = given.get(name);
    const preset = options.full && spec.full !== undefined ? spec.full : spec.default;
    params[name] = typed !== undefined ? parseValue(typed.flag, spec, typed.text) : presetValue(name, spec, preset);
  }
  return { options, params };
}
