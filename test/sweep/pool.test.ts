import { describe, expect, it } from 'vitest';
import { runPool, addWorkerPreload } from '../../src/sim/pool.js';
import { DivergenceError } from '../../src/tensor/index.js';

const module = new URL('./fixtures/pool-worker.ts', import.meta.url).href;
const KIND = 'pool-test';

describe('runPool (worker threads through tsx)', () => {
  it('returns results in job order, reports each and forwards ticks', async () => {
    const jobs = [1, 2, 3, 4, 5].map((x) => ({ x }));
    const seen: number[] = [];
    let ticks = 0;
    const results = await runPool<{ x: number }, { y: number }>(jobs, {
      kind: KIND, module, init: { scale: 2 }, workers: 2,
      onTick: (n) => (ticks += n),
      onResult: (job, r) => seen.push(r.y / job.x),
    });
    expect(results.map((r) => r.y)).toEqual([2, 8, 18, 32, 50]);
    expect(seen.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10]);
    expect(ticks).toBe(15);
  });

  it('rejects with the first failure, a DivergenceError keeping its step and parameter', async () => {
    const err = await runPool([{ x: 1 }, { x: -1 }, { x: 2 }], { kind: KIND, module, init: { scale: 1 }, workers: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).step).toBe(3);
    expect((err as DivergenceError).parameter).toBe('x');
  });

  it('rejects when the module serves no job of that kind', async () => {
    await expect(runPool([{ x: 1 }], { kind: 'nobody', module, init: {}, workers: 1 })).rejects.toThrow(/has no serveJobs\('nobody'/);
  });

  it('imports the preloads first, in the same module instances (a rule registered there is known)', async () => {
    addWorkerPreload(new URL('./fixtures/preload-rule.ts', import.meta.url).href);
    const [r] = await runPool<{ x: number; rule: string }, { y: number; label: string }>([{ x: 3, rule: 'pool-preloaded' }], { kind: KIND, module, init: { scale: 1 }, workers: 1 });
    expect(r).toEqual({ y: 9, label: 'Preloaded rule' });
  });
});
