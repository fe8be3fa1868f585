/**
 * Reading a results folder: every `<results>/<sim>/summary.json` and the JSON files it lists. This
 * is all the report knows about a simulation (the floor rule: src/report reads results JSON only).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** JSON data as parsed from a results file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The fields of summary.json the report reads (src/sim/run.ts writes them). */
export interface SummaryData {
  simulation: string;
  title: string;
  seed: number;
  full: boolean;
  params: { [name: string]: Json };
  metrics: { [name: string]: Json };
  versions: { [name: string]: string };
  startedAt: string;
  wallTimeSeconds: number;
  files: string[];
  /** "sweep" for a sweep's aggregate (src/sim/sweep/aggregate.ts); absent for a simulation run. */
  kind?: string;
  /** A sweep's run count and seeds. */
  sweep?: { runs: number; seeds: Json[] };
}

/** One simulation's results as the report sees them. */
export interface SimResults {
  /** Folder name under the results folder (normally the simulation's name). */
  name: string;
  dir: string;
  summary: SummaryData;
  /** Parsed JSON files listed in summary.files (by relative path), except unreadable ones. */
  json: Map<string, Json>;
  /** PNG files listed in summary.files that exist. */
  pngs: string[];
  /** Every listed file that exists (for links). */
  files: string[];
  /** Problems met while reading (a listed file missing or not valid JSON). */
  problems: string[];
}

/** A folder that looked like a simulation's but whose summary.json could not be used. */
export interface BrokenResults {
  name: string;
  reason: string;
}

const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the summary's shape; returns a reason when it does not fit. */
export function checkSummary(value: unknown): string | undefined {
  if (!isObject(value)) return 'summary.json is not a JSON object';
  const want: [string, (v: Json | undefined) => boolean][] = [
    ['simulation', (v) => typeof v === 'string'],
    ['title', (v) => typeof v === 'string'],
    ['seed', (v) => typeof v === 'number'],
    ['full', (v) => typeof v === 'boolean'],
    ['params', isObject],
    ['metrics', isObject],
    ['versions', isObject],
    ['startedAt', (v) => typeof v === 'string'],
    ['wallTimeSeconds', (v) => typeof v === 'number'],
    ['files', (v) => Array.isArray(v) && v.every((f) => typeof f === 'string')],
  ];
  const bad = want.filter(([key, ok]) => !ok(value[key])).map(([key]) => key);
  return bad.length === 0 ? undefined : `summary.json lacks or mistypes: ${bad.join(', ')}`;
}

/**
 * Reads every sub-folder of `resultsDir` that holds a summary.json. Folders without one (a failed
 * first run, benchmarks) are skipped; a summary that does not parse is reported as broken.
 * Sorted by `order` (simulation names, e.g. the registry's), the rest alphabetically after.
 */
export function loadResults(resultsDir: string, order: readonly string[] = []): { sims: SimResults[]; broken: BrokenResults[] } {
  const sims: SimResults[] = [];
  const broken: BrokenResults[] = [];
  if (!existsSync(resultsDir)) return { sims, broken };
  const names = readdirSync(resultsDir).filter((n) => !n.startsWith('.') && statSync(join(resultsDir, n)).isDirectory());
  for (const name of names) {
    const dir = join(resultsDir, name);
    const summaryPath = join(dir, 'summary.json');
    if (!existsSync(summaryPath)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(summaryPath, 'utf8'));
    } catch (err) {
      broken.push({ name, reason: `summary.json is not valid JSON (${(err as Error).message})` });
      continue;
    }
    const reason = checkSummary(parsed);
    if (reason !== undefined) {
      broken.push({ name, reason });
      continue;
    }
    const summary = parsed as SummaryData;
    const json = new Map<string, Json>();
    const problems: string[] = [];
    const files = summary.files.filter((f) => {
      const there = existsSync(join(dir, f));
      if (!there) problems.push(`${f} is listed in summary.json but missing`);
      return there;
    });
    for (const f of files.filter((f) => f.endsWith('.json'))) {
      try {
        json.set(f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
      } catch (err) {
        problems.push(`${f} is not valid JSON (${(err as Error).message})`);
      }
    }
    sims.push({ name, dir, summary, json, pngs: files.filter((f) => f.endsWith('.png')), files, problems });
  }
  const rank = (n: string) => {
    const i = order.indexOf(n);
    return i < 0 ? order.length : i;
  };
  sims.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  broken.sort((a, b) => a.name.localeCompare(b.name));
  return { sims, broken };
}

/** Narrowing helpers for chart builders reading untyped JSON. */
export const asObject = (v: Json | undefined): { [key: string]: Json } | undefined => (isObject(v) ? v : undefined);
export const asArray = (v: Json | undefined): Json[] | undefined => (Array.isArray(v) ? v : undefined);
export const asNumbers = (v: Json | undefined): number[] | undefined =>
  Array.isArray(v) && v.every((x): x is number => typeof x === 'number') ? v : undefined;
export const asNumber = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
export const asString = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
