/**
 * How a simulation is declared: its parameters (once, with quick and full presets) and its run
 * function. Parsing, `--help`, validation and summary.json are all derived from this declaration.
 */
import type { RunContext } from './context.js';
import { checkDeclaration, parseRunArgs, type RESERVED_NAMES } from './params.js';

interface ParamBase {
  /** One line for `--help`. */
  readonly help: string;
}

/** A float in [min, max] (or (min, max] with `exclusiveMin`); ±Infinity bounds are allowed. */
export interface NumberParam extends ParamBase {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly exclusiveMin?: boolean;
  readonly default: number;
  readonly full?: number;
}

/** A safe integer in [min, max]. */
export interface IntegerParam extends ParamBase {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly full?: number;
}

/** `--flag` (true), `--flag true|false` or `--flag=true|false`. */
export interface BooleanParam extends ParamBase {
  readonly kind: 'boolean';
  readonly default: boolean;
  readonly full?: boolean;
}

/** One line per choice for `--help` (optional; keys must be choices). */
interface ChoiceHelp {
  readonly choiceHelp?: Readonly<Record<string, string>>;
}

/** One string out of `choices`. */
export interface ChoiceParam extends ParamBase, ChoiceHelp {
  readonly kind: 'choice';
  readonly choices: readonly string[];
  readonly default: string;
  readonly full?: string;
}

/** Comma-separated numbers, each in the range, with minLength (default 1) ≤ length ≤ maxLength. */
export interface NumberListParam extends ParamBase {
  readonly kind: 'numberList';
  readonly min: number;
  readonly max: number;
  readonly exclusiveMin?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly default: readonly number[];
  readonly full?: readonly number[];
}

/** A non-empty comma-separated subset of `choices`, without repeats. */
export interface ChoiceListParam extends ParamBase, ChoiceHelp {
  readonly kind: 'choiceList';
  readonly choices: readonly string[];
  readonly default: readonly string[];
  readonly full?: readonly string[];
}

/**
 * A file-system path, returned resolved to an absolute path (a leading `~/` is the home folder).
 * The empty default means "not given" (the value stays ''); `mustExist` requires an existing
 * folder or file at parse time.
 */
export interface PathParam extends ParamBase {
  readonly kind: 'path';
  readonly default: string;
  readonly full?: string;
  readonly mustExist?: 'dir' | 'file';
}

export type ParamSpec = NumberParam | IntegerParam | BooleanParam | ChoiceParam | NumberListParam | ChoiceListParam | PathParam;

/**
 * Parameter declarations by name; the CLI flag is `--<name>`, and for camelCase names also its
 * kebab-case alias (`--batchSize` ≡ `--batch-size`).
 */
export type ParamSpecs = { readonly [name: string]: ParamSpec };

type ReservedName = (typeof RESERVED_NAMES)[number];

/** The value type of one declared parameter (choices narrow to their literal union). */
export type ValueOf<P extends ParamSpec> = P extends { kind: 'number' | 'integer' }
  ? number
  : P extends { kind: 'boolean' }
    ? boolean
    : P extends { kind: 'choice'; choices: readonly (infer C extends string)[] }
      ? C
      : P extends { kind: 'numberList' }
        ? number[]
        : P extends { kind: 'choiceList'; choices: readonly (infer C extends string)[] }
          ? C[]
          : P extends { kind: 'path' }
            ? string
            : never;

/** Parsed values of a declaration, as `run` receives them in `ctx.params`. */
export type ParamValues<S extends ParamSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Any parameter value. */
export type ParamValue = number | boolean | string | number[] | string[];

/** JSON data: what metrics and `writeJson` accept (typed arrays must be converted with Array.from). */
export type JsonValue = number | string | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What `run` returns; stored as `metrics` in summary.json. Every number must be finite. */
export type Metrics = { readonly [key: string]: JsonValue };

/** What a simulation author writes. */
export interface SimulationDefinition<S extends ParamSpecs> {
  /** CLI name and results folder: lower-case words joined by '-'. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly params: S;
  /** Cross-parameter constraint: return a one-line message when the combination is invalid. */
  readonly check?: (params: Readonly<ParamValues<S>>) => string | undefined;
  /**
   * Bytes the run will need at most with these parameters (typed arrays included), for sims whose
   * size the parameters can push past the machine's memory: the CLI refuses such a run up front,
   * naming the estimate (exit code 2), instead of crashing into the limit.
   */
  readonly estimateMemory?: (params: Readonly<ParamValues<S>>) => number;
  readonly run: (ctx: RunContext<ParamValues<S>>) => Metrics | Promise<Metrics>;
}

/** A declared simulation with its parameter types erased, as the registry holds it. */
export interface Simulation {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly params: ParamSpecs;
  check(params: Readonly<Record<string, ParamValue>>): string | undefined;
  /** See SimulationDefinition.estimateMemory. */
  estimateMemory?(params: Readonly<Record<string, ParamValue>>): number;
  run(ctx: RunContext): Metrics | Promise<Metrics>;
}

/**
 * Declares a simulation. `ctx.params` in `run` is typed from `params`; reserved names
 * (seed, full, out, help) are rejected by the type checker and at run time, and so are
 * defaults or full values outside their declared range.
 */
export function defineSimulation<const S extends ParamSpecs & { readonly [K in ReservedName]?: never }>(
  definition: SimulationDefinition<S>,
): Simulation {
  checkDeclaration(definition.name, definition.params);
  const { check, estimateMemory } = definition;
  const simulation: Simulation = {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    params: definition.params,
    // The parser produced these records from `params`, so they have the declared shape.
    check: (params) => check?.(params as Readonly<ParamValues<S>>),
    ...(estimateMemory ? { estimateMemory: (params: Readonly<Record<string, ParamValue>>) => estimateMemory(params as Readonly<ParamValues<S>>) } : {}),
    run: (ctx) => definition.run(ctx as RunContext<ParamValues<S>>),
  };
  for (const preset of ['default', 'full'] as const) {
    const problem = simulation.check(parseRunArgs(definition.params, preset === 'full' ? ['--full'] : []).params);
    if (problem !== undefined) throw new Error(`simulation "${definition.name}": the ${preset} presets fail its check: ${problem}`);
  }
  return simulation;
}
