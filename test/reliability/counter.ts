/**
 * Counts what the reliability tests try. Each test file records cases per category and, when
 * LAELAB_RELIABILITY_COUNTS names a folder (set by `npm run test:reliability`), writes its counts
 * there as one JSON file after its last test; test/reliability/run.ts adds them up into the table.
 * Without the variable (plain `npm test`) nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunDetails } from 'fast-check';
import { afterAll } from 'vitest';

/** The categories of issue 8, in table order. */
export const CATEGORIES = [
  'gradients (property)',
  'shape errors (property)',
  'bad parameters',
  'divergence',
  'interruption',
  'determinism',
  'data',
  'resource limits',
  'output folders',
  'sweeps',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** One line of the table: cases tried and how many of them failed. */
export interface Count {
  readonly category: Category;
  tried: number;
  failures: number;
}

/** The environment variable naming the folder the counts go to. */
export const COUNTS_ENV = 'LAELAB_RELIABILITY_COUNTS';
/** The environment variable with the number of cases per property (default 100, 1,000 in the full run). */
export const RUNS_ENV = 'LAELAB_PROPERTY_RUNS';

/** Cases per fast-check property: LAELAB_PROPERTY_RUNS, else 100 (the quick run of `npm test`). */
export function propertyRuns(): number {
  const text = process.env[RUNS_ENV];
  const n = text === undefined ? 100 : Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${RUNS_ENV} must be a positive integer, got "${text}"`);
  return n;
}

/** The environment variable with fast-check's seed (default fixed, so CI runs the same cases). */
export const SEED_ENV = 'LAELAB_PROPERTY_SEED';

/** fast-check's seed: LAELAB_PROPERTY_SEED, else a fixed one. */
export function propertySeed(): number {
  const text = process.env[SEED_ENV];
  const n = text === undefined ? 20240608 : Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${SEED_ENV} must be an integer, got "${text}"`);
  return n;
}

const counts = new Map<Category, Count>();

function entry(category: Category): Count {
  let c = counts.get(category);
  if (c === undefined) {
    c = { category, tried: 0, failures: 0 };
    counts.set(category, c);
  }
  return c;
}

/** Records `tried` cases of which `failures` failed. */
export function record(category: Category, tried: number, failures: number): void {
  const c = entry(category);
  c.tried += tried;
  c.failures += failures;
}

/** Runs one case: records it as tried, and as failed when `body` throws (the error is rethrown). */
export async function attempt<T>(category: Category, body: () => T | Promise<T>): Promise<T> {
  try {
    const value = await body();
    record(category, 1, 0);
    return value;
  } catch (err) {
    record(category, 1, 1);
    throw err;
  }
}

/**
 * Runs every case (all of them, even after a failure), records each, then throws one error listing
 * the failed cases, if any.
 */
export async function attemptAll<T>(category: Category, cases: readonly T[], label: (c: T) => string, body: (c: T) => unknown): Promise<void> {
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await attempt(category, () => body(c));
    } catch (err) {
      failed.push(`${label(c)}: ${(err as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`${failed.length} of ${cases.length} cases failed:\n${failed.join('\n')}`);
}

/**
 * Records a fast-check run: the cases it ran (numRuns, the failing one included) and one failure
 * when the property failed (fast-check stops at the first counterexample and shrinks it).
 */
export function recordProperty(category: Category, details: Pick<RunDetails<unknown>, 'numRuns' | 'failed'>): void {
  record(category, details.numRuns, details.failed ? 1 : 0);
}

let flushed = 0;

/** Writes this file's counts (call from afterAll; registered by `trackCounts`). */
export function flushCounts(file: string): void {
  const dir = process.env[COUNTS_ENV];
  if (dir === undefined || counts.size === 0) return;
  const name = `${file.replace(/[^a-zA-Z0-9.-]/g, '_')}-${process.pid}-${flushed++}.json`;
  writeFileSync(join(dir, name), `${JSON.stringify([...counts.values()])}\n`);
}

/** Registers the afterAll hook that writes this file's counts. */
export function trackCounts(file: string): void {
  afterAll(() => flushCounts(file));
}
