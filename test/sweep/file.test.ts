/** Sweep-file structure (the values are checked by the simulation's own parser, see sweep.test.ts). */
import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../src/sim/index.js';

const base = { simulation: 'alignment-mnist', grid: { seed: '0..1' } };
const parse = (o: object) => parseSweepText(JSON.stringify(o), '/x/tiny.json');

describe('sweep files', () => {
  it('reads metric labels, default none', () => {
    expect(parse(base).labels).toEqual({});
    expect(parse({ ...base, metrics: ['results.0.testAccuracy'], labels: { 'results.0.testAccuracy': 'test accuracy' } }).labels).toEqual({ 'results.0.testAccuracy': 'test accuracy' });
  });

  it('refuses labels that are not metric path → non-empty text, naming the field', () => {
    expect(() => parse({ ...base, labels: ['a'] })).toThrow(/"labels" must be an object: metric path → a non-empty label/);
    expect(() => parse({ ...base, labels: { a: '' } })).toThrow(/"labels" must be an object/);
    expect(() => parse({ ...base, label: {} })).toThrow(/unknown field "label"; valid: .*labels/);
  });
});
