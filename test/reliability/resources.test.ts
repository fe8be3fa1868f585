/**
 * Category 7: requests beyond a limit are refused up front with the estimate, not crashed into.
 *
 * - Tensors: with a random limit (setMaxTensorElements), every creation function and every op that
 *   allocates refuses a result above the limit with a SizeLimitError naming the op, the shape, the
 *   element count, the GiB and the limit — before allocating; within the limit it works. Requests
 *   far beyond the machine (10¹² elements) are refused the same way at the default limit.
 * - Simulations: a declaration's estimateMemory(params) above the machine's memory makes the CLI
 *   refuse the run with the estimate (exit 2, nothing written); every registered simulation that
 *   declares an estimate is checked at its smallest and largest sizes.
 * - Every registered simulation at its smallest size under a tensor limit of 100 elements either
 *   runs (it needs no larger tensor in this thread) or stops with exit 1 and the SizeLimitError line.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { defineSimulation, parseSimulationArgs, type ParamSpec, type ParamValue, type Simulation } from '../../src/sim/index.js';
import { machineMemoryBytes } from '../../src/sim/memory.js';
import {
  add, concatRows, eye, full, getMaxTensorElements, matmul, ones, rand, randn, setMaxTensorElements, SizeLimitError, transpose, zeros,
  type Tensor,
} from '../../src/tensor/index.js';
import { simulations } from '../../sims/registry.js';
import { attempt, attemptAll, propertyRuns, propertySeed, recordProperty, trackCounts } from './counter.js';
import { cli, listFiles, smallestArgs, tempDir } from './sims.js';

trackCounts('resources');

const DEFAULT_LIMIT = getMaxTensorElements();
afterEach(() => setMaxTensorElements(DEFAULT_LIMIT));

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** `f` must throw a SizeLimitError naming op, shape, count, GiB and limit, or — within the limit — work. */
function expectLimited(f: () => Tensor, op: string, shape: readonly number[], limit: number): void {
  const n = product(shape);
  if (n <= limit) {
    expect(f().shape).toEqual(shape);
    return;
  }
  let result: Tensor | undefined;
  try {
    result = f();
  } catch (err) {
    if (!(err instanceof SizeLimitError)) throw new Error(`expected a SizeLimitError, got ${(err as Error).name}: ${(err as Error).message}`);
    expect(err.message).toContain(`${op}: a tensor of shape [${shape.join(', ')}] needs ${n} elements (${((n * 8) / 2 ** 30).toFixed(2)} GiB)`);
    expect(err.message).toContain(`over the limit of ${limit} elements`);
    return;
  }
  throw new Error(`${op} [${shape.join(', ')}] (${n} elements) was allowed under the limit ${limit}: shape [${result.shape.join(', ')}]`);
}

describe('tensors beyond the configured size are refused up front', () => {
  it(`random limits and shapes (${propertyRuns()} cases): creation and ops`, () => {
    const rng = new Rng('resources');
    const details = fc.check(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('zeros', 'ones', 'full', 'rand', 'randn', 'eye', 'add', 'matmul', 'transpose', 'concatRows'),
        (limit, dims, op) => {
          setMaxTensorElements(limit);
          try {
            const small = (shape: number[]): Tensor => {
              setMaxTensorElements(DEFAULT_LIMIT); // operands themselves are made without a limit
              const t = zeros(shape);
              setMaxTensorElements(limit);
              return t;
            };
            switch (op) {
              case 'zeros': return expectLimited(() => zeros(dims), 'zeros', dims, limit);
              case 'ones': return expectLimited(() => ones(dims), 'full', dims, limit);
              case 'full': return expectLimited(() => full(dims, 2), 'full', dims, limit);
              case 'rand': return expectLimited(() => rand(dims, rng), 'rand', dims, limit);
              case 'randn': return expectLimited(() => randn(dims, rng), 'randn', dims, limit);
              case 'eye': return expectLimited(() => eye(dims[0]!, dims[1] ?? dims[0]!), 'eye', [dims[0]!, dims[1] ?? dims[0]!], limit);
              case 'add': {
                // a column plus a row broadcast to a matrix larger than either
                const [r, c] = [dims[0]!, dims[1] ?? 7];
                const a = small([r, 1]), b = small([1, c]);
                return expectLimited(() => add(a, b), 'add', [r, c], limit);
              }
              case 'matmul': {
                const [m, n] = [dims[0]!, dims[1] ?? 5];
                const a = small([m, 1]), b = small([1, n]);
                return expectLimited(() => matmul(a, b), 'matmul', [m, n], limit);
              }
              case 'transpose': {
                const [r, c] = [dims[0]!, dims[1] ?? 3];
                const a = small([r, c]);
                return expectLimited(() => transpose(a), 'transpose', [c, r], limit);
              }
              case 'concatRows': {
                const parts = [small(dims), small(dims)];
                return expectLimited(() => concatRows(parts), 'concatRows', [2 * dims[0]!, ...dims.slice(1)], limit);
              }
            }
          } finally {
            setMaxTensorElements(DEFAULT_LIMIT);
          }
        },
      ),
      { numRuns: propertyRuns(), seed: propertySeed() },
    );
    recordProperty('resource limits', details);
    expect(details.failed, `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`).toBe(false);
  });

  it('10¹² elements at the default limit: refused with the estimate, nothing allocated', async () => {
    const rng = new Rng('huge');
    const huge = [1_000_000, 1_000_000];
    await attemptAll('resource limits', ['zeros', 'randn', 'matmul', 'add'] as const, (op) => op, (op) => {
      const f = {
        zeros: () => zeros(huge),
        randn: () => randn(huge, rng),
        matmul: () => matmul(zeros([1_000_000, 1]), zeros([1, 1_000_000])),
        add: () => add(zeros([1_000_000, 1]), zeros([1, 1_000_000])),
      }[op];
      expect(f).toThrow(SizeLimitError);
      expect(f).toThrow(/\[1000000, 1000000\] needs 1000000000000 elements \(7450\.58 GiB\), over the limit of 2147483647 elements/);
    });
  });
});

/** A test-only simulation whose memory grows with --n (8 bytes per element of an n × n matrix). */
const grows: Simulation = defineSimulation({
  name: 'grows',
  title: 'Memory grows with n (test only)',
  description: 'Allocates an n × n matrix.',
  params: { n: { kind: 'integer', min: 1, max: 100_000_000, default: 10, help: 'matrix side' } },
  estimateMemory: ({ n }) => 8 * n * n,
  run: (ctx) => {
    const t = zeros([ctx.params.n, ctx.params.n]);
    ctx.writeJson('size.json', { size: t.size });
    return { size: t.size };
  },
});

describe('simulations whose estimate exceeds the machine are refused before they start', () => {
  it('exit 2, one line with the estimate and the memory available, nothing written; small sizes run', async () => {
    await attempt('resource limits', async () => {
      const out = tempDir();
      const { code, stdout, stderr } = await cli(['grows', '--n', '1000', '--out', out], [grows], 4e6);
      expect(code).toBe(2);
      expect(stderr).toBe('error: grows: these parameters need an estimated 7.63 MiB of memory, more than the 3.81 MiB this machine has; choose smaller sizes\n');
      expect(stdout).toBe('');
      expect(listFiles(out)).toEqual([]);
    });
    await attempt('resource limits', async () => {
      // the machine's own memory by default: 10⁸ × 10⁸ doubles are 72,760 TiB
      const out = tempDir();
      const { code, stderr } = await cli(['grows', '--n', '100000000', '--out', out], [grows]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^error: grows: these parameters need an estimated 74505805\.97 GiB of memory, more than the \d+\.\d\d [GM]iB this machine has; choose smaller sizes\n$/);
      expect(listFiles(out)).toEqual([]);
    });
    await attempt('resource limits', async () => {
      const out = tempDir();
      const { code, stderr } = await cli(['grows', '--n', '100', '--out', out], [grows]);
      expect(code, stderr).toBe(0);
      expect(listFiles(out)).toContain('grows/summary.json');
    });
    await attempt('resource limits', async () => {
      // --all: the refused simulation fails, the others still run
      const out = tempDir();
      const tooBig: Simulation = { ...grows, name: 'too-big', estimateMemory: () => 2 ** 60 };
      const { code, stderr } = await cli(['--all', '--out', out], [tooBig, grows]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^too-big failed: too-big: these parameters need an estimated 1073741824\.00 GiB of memory/);
      expect(listFiles(out)).toContain('grows/summary.json');
      expect(listFiles(out).some((f) => f.startsWith('too-big'))).toBe(false);
    });
  });

  /** Largest values of every parameter (integers and list lengths at their maximum). */
  function largest(spec: ParamSpec): ParamValue {
    switch (spec.kind) {
      case 'integer':
        return spec.max;
      case 'numberList':
        return Array.from({ length: Math.min(spec.maxLength ?? 20, 20) }, () => spec.default[0]!);
      case 'choiceList':
        return [...spec.choices];
      default:
        return Array.isArray(spec.default) ? [...spec.default] : spec.default;
    }
  }

  const estimated = simulations.filter((s) => s.estimateMemory !== undefined);
  for (const sim of estimated) {
    it(`${sim.name}: a finite estimate at its smallest and largest sizes; beyond the machine it is refused`, async () => {
      const small = parseSimulationArgs(sim, smallestArgs(sim)).params;
      const big = Object.fromEntries(Object.entries(sim.params).map(([k, spec]) => [k, largest(spec)]));
      await attempt('resource limits', () => {
        const need = sim.estimateMemory!(small);
        expect(Number.isFinite(need) && need >= 0, `estimate ${need}`).toBe(true);
        expect(need, 'the smallest size fits the machine').toBeLessThan(machineMemoryBytes());
      });
      await attempt('resource limits', async () => {
        const need = sim.estimateMemory!(big);
        expect(Number.isFinite(need) && need >= 0, `estimate ${need}`).toBe(true);
        if (need <= machineMemoryBytes() || sim.check(big) !== undefined) return; // would run (too long for a test), or not a valid combination
        const out = tempDir();
        // an empty path is "not given" (the flag would refuse '')
        const args = Object.entries(big).filter(([, v]) => v !== '').map(([k, v]) => `--${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
        const { code, stderr } = await cli([sim.name, ...args, '--out', out], simulations);
        expect(code, stderr).toBe(2);
        expect(stderr).toMatch(/need an estimated .* of memory/);
        expect(listFiles(out)).toEqual([]);
      });
    });
  }
});

describe('every registered simulation under a tensor limit of 100 elements', () => {
  it.each(simulations.map((s) => [s.name, s] as const))('%s: runs, or stops with exit 1 and the size-limit line', async (name, sim) => {
    await attempt('resource limits', async () => {
      const out = tempDir();
      setMaxTensorElements(100);
      try {
        const { code, stderr } = await cli([name, ...smallestArgs(sim), '--out', out], simulations);
        if (code === 0) return;
        expect(code, stderr).toBe(1);
        expect(stderr).toMatch(/^[^\n]*: a tensor of shape \[[\d, ]+\] needs \d+ elements \([\d.]+ GiB\), over the limit of 100 elements \(setMaxTensorElements\)\n$/);
        expect(listFiles(out).filter((f) => f.endsWith('summary.json'))).toEqual([]);
      } finally {
        setMaxTensorElements(DEFAULT_LIMIT);
      }
    });
  }, 120_000);
});
