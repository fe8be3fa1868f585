/** `--help` texts, derived from the declarations. */
import type { ParamSpec, Simulation } from './define.js';
import { BUILTIN_FLAGS, describeAllowed, formatValue, kebabCase } from './params.js';

const USAGE = 'npm run sim -- <name> [--seed N] [--full] [--out DIR] [--<param> value ...]';

function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}

/** General usage and the list of registered simulations. */
export function usage(simulations: readonly Simulation[]): string {
  const list = simulations.length === 0 ? ['  no simulations registered yet'] : columns(simulations.map((s) => [s.name, s.title]));
  return [
    'usage:',
    `  ${USAGE}`,
    '  npm run sim -- <name> --help    describe one simulation and its parameters',
    '  npm run sims                    run every simulation at quick settings (accepts --seed, --out)',
    '',
    'options:',
    ...columns(BUILTIN_FLAGS),
    '',
    'simulations:',
    ...list,
    '',
  ].join('\n');
}

/** A preset for `--help`; an empty path is "not given". */
const preset = (value: ParamSpec['default']): string => (value === '' ? '(not given)' : formatValue(value));

function kindAndPresets(spec: ParamSpec): string {
  const full = spec.full === undefined ? '' : `, full ${preset(spec.full)}`;
  return `${describeAllowed(spec)}; default ${preset(spec.default)}${full}`;
}

/** `--name`, and its kebab-case alias when it has one. */
function flags(name: string): string {
  const alias = kebabCase(name);
  return alias === name ? `--${name}` : `--${name}, --${alias}`;
}

/** The described choices of a choice or choice-list parameter, one aligned line each. */
function choiceLines(spec: ParamSpec): string[] {
  if ((spec.kind !== 'choice' && spec.kind !== 'choiceList') || spec.choiceHelp === undefined) return [];
  const help = spec.choiceHelp;
  return columns(spec.choices.filter((c) => help[c] !== undefined).map((c) => [c, help[c]!]), '        ');
}

/**
 * One simulation: description, usage, and every parameter (with its alias) with kind, range,
 * presets and help, then a line per described choice.
 */
export function simulationHelp(sim: Simulation): string {
  const params = Object.entries(sim.params).flatMap(([name, spec]) => [`  ${flags(name)}: ${kindAndPresets(spec)}`, `      ${spec.help}`, ...choiceLines(spec)]);
  return [
    `${sim.name}: ${sim.title}`,
    '',
    sim.description,
    '',
    'usage:',
    `  ${USAGE.replace('<name>', sim.name)}`,
    '',
    'parameters:',
    ...(params.length === 0 ? ['  (none)'] : params),
    '',
    'options:',
    ...columns(BUILTIN_FLAGS),
    '',
  ].join('\n');
}
