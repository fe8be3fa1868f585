/**
 * Category 5: each registered simulation at its smallest size (sims.ts: smallestArgs) is run three
 * times in-process through runCli — twice with one seed, once with another. The two same-seed runs
 * must write the same files, every JSON byte-identical apart from wall-time fields; the other seed
 * must change some number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulations } from '../../sims/registry.js';
import { attempt, trackCounts } from './counter.js';
import { cli, listFiles, maskWallTime, smallestArgs, tempDir } from './sims.js';

trackCounts('determinism');

const SEED = '7';
const OTHER_SEED = '8';

/**
 * Only JSON is compared: charts and text tables may show wall time (seconds, samples/s); the
 * numbers behind them are in the JSON.
 */
const isJson = (file: string): boolean => file.endsWith('.json');

/** A JSON result as compared: its bytes, or, when it has wall-time fields, its text with those masked. */
function comparable(dir: string, file: string): string {
  const bytes = readFileSync(join(dir, file));
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  const masked = JSON.stringify(maskWallTime(value));
  return masked === JSON.stringify(value) ? bytes.toString('base64') : masked; // no wall-time field: the bytes
}

/** JSON files with wall-time fields and the seed masked: what must differ between seeds. */
function numbers(dir: string): string {
  return listFiles(dir)
    .filter(isJson)
    .map((f) => {
      const value = maskWallTime(JSON.parse(readFileSync(join(dir, f), 'utf8'))) as Record<string, unknown>;
      return JSON.stringify(f === 'summary.json' ? { ...value, seed: '<seed>' } : value);
    })
    .join('\n');
}

describe.each(simulations.map((sim) => [sim.name, sim] as const))('determinism: %s at its smallest size', (name, sim) => {
  it(`same seed → identical results apart from wall time; another seed → other numbers`, async () => {
    const args = smallestArgs(sim);
    const run = async (seed: string): Promise<string> => {
      const out = tempDir();
      const { code, stderr } = await cli([name, ...args, '--seed', seed, '--out', out], simulations);
      expect(code, `${name} ${args.join(' ')} --seed ${seed}: ${stderr}`).toBe(0);
      return join(out, name);
    };
    let first = '';
    await attempt('determinism', async () => {
      first = await run(SEED);
      const second = await run(SEED);
      const files = listFiles(first);
      expect(listFiles(second)).toEqual(files);
      expect(files).toContain('summary.json');
      for (const f of files.filter(isJson)) {
        expect(comparable(second, f), `${f} differs between two runs with seed ${SEED}`).toBe(comparable(first, f));
      }
    });
    await attempt('determinism', async () => {
      const other = await run(OTHER_SEED);
      expect(numbers(other), `seed ${OTHER_SEED} gives the same numbers as seed ${SEED}`).not.toBe(numbers(first));
    });
  }, 120_000);
});
