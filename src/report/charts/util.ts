/** Helpers for the per-simulation chart builders: reading untyped JSON loudly, and small shared bits. */
import { colorAt } from '../../charts/colormap.js';
import type { Json, SimResults } from '../load.js';
import type { SectionContent, XySeries } from '../spec.js';

/** Thrown when a results file does not have the shape a builder expects; the page falls back to the PNGs. */
export class ShapeMismatch extends Error {
  override name = 'ShapeMismatch';
}

export type JsonObject = { [key: string]: Json };

export function needObject(v: Json | undefined, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeMismatch(`${what}: expected an object`);
  return v;
}

export function needArray(v: Json | undefined, what: string): Json[] {
  if (!Array.isArray(v)) throw new ShapeMismatch(`${what}: expected an array`);
  return v;
}

export function needNumbers(v: Json | undefined, what: string): number[] {
  if (!Array.isArray(v) || !v.every((x): x is number => typeof x === 'number')) throw new ShapeMismatch(`${what}: expected an array of numbers`);
  return v;
}

export function needNumber(v: Json | undefined, what: string): number {
  if (typeof v !== 'number') throw new ShapeMismatch(`${what}: expected a number`);
  return v;
}

export function needString(v: Json | undefined, what: string): string {
  if (typeof v !== 'string') throw new ShapeMismatch(`${what}: expected a string`);
  return v;
}

/** The parsed JSON file `name` of a simulation. */
export function needFile(sim: SimResults, name: string): Json {
  const v = sim.json.get(name);
  if (v === undefined) throw new ShapeMismatch(`${name} is missing`);
  return v;
}

/** JSON files of a simulation whose name matches `pattern`, with the first capture group. */
export function filesMatching(sim: SimResults, pattern: RegExp): { file: string; key: string; data: Json }[] {
  const out: { file: string; key: string; data: Json }[] = [];
  for (const [file, data] of sim.json) {
    const m = pattern.exec(file);
    if (m) out.push({ file, key: m[1] ?? file, data });
  }
  return out;
}

/** Loss kinds in the paper's order, for sorting per-loss files. */
export const LOSS_ORDER = ['unregularized', 'product', 'sum'];
export const byLossOrder = (a: string, b: string): number => {
  const rank = (s: string) => (LOSS_ORDER.includes(s) ? LOSS_ORDER.indexOf(s) : LOSS_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
};

/** `#rrggbb` of a colour-scale position (as the PNG charts pick per-λ colours). */
export function hexAt(scale: 'sequential' | 'diverging', t: number): string {
  return `#${colorAt(scale, t).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** x/y arrays of points. */
export function unzip(points: readonly { x: number; y: number }[]): { x: number[]; y: number[] } {
  return { x: points.map((p) => p.x), y: points.map((p) => p.y) };
}

/** A marker series (no line). */
export function markers(label: string, points: readonly { x: number; y: number }[], color: string, pointStyle = 'circle', pointRadius = 4): XySeries {
  return { label, ...unzip(points), color, line: false, pointStyle, pointRadius };
}

/** Builds what a simulation shows on the page; throws ShapeMismatch when its files are not as expected. */
export type SectionBuilder = (sim: SimResults) => SectionContent;

export const emptySection = (): SectionContent => ({ charts: [], tables: [], notes: [] });
