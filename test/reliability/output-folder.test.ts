/**
 * Category 9: output folders that cannot be written are refused up front — one line naming --out,
 * the path and the reason, exit 2, nothing written anywhere — for `npm run sim`, `npm run sims`,
 * `npm run report` and `npm run bench`; never a hang (Node 20's recursive mkdir spins under /proc).
 * A disk that fills mid-run leaves the earlier results whole and no temporary file, exit 1 with a
 * line naming the file and the error (a 64 KiB tmpfs when the tests run as root and mount works).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defineSimulation } from '../../src/sim/index.js';
import { attempt, trackCounts } from './counter.js';
import { cli, snapshot, tempDir, tempFiles } from './sims.js';

trackCounts('output-folder');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const isRoot = process.getuid?.() === 0;

/** A test-only simulation writing `size` bytes per file into `files` files. */
const writer = defineSimulation({
  name: 'writer',
  title: 'Writes files',
  description: 'Test-only simulation for the output-folder tests.',
  params: {
    files: { kind: 'integer', min: 1, max: 100, default: 1, help: 'files' },
    size: { kind: 'integer', min: 1, max: 10_000_000, default: 100, help: 'bytes per file' },
  },
  run: (ctx) => {
    for (let i = 0; i < ctx.params.files; i++) ctx.writeText(`part${i}.txt`, 'x'.repeat(ctx.params.size));
    return { files: ctx.params.files };
  },
});

function run(command: string[], timeoutMs = 60_000): { status: number | null; stderr: string; ms: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [TSX, ...command], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CI: 'true' } });
  return { status: r.status, stderr: r.stderr, ms: performance.now() - start };
}

describe('--out refused up front (in process, every kind of bad folder)', () => {
  const dir = tempDir('laelab-out-');
  const file = join(dir, 'a-file');
  writeFileSync(file, 'keep me');
  const cases: [string, string, RegExp][] = [
    ['an existing file', file, /it exists and is not a folder/],
    ['a path under a file', join(file, 'sub'), /cannot create .*a-file\/sub \(ENOTDIR/],
    ['/proc/x (Node would spin)', '/proc/x', /on the \/proc pseudo file system/],
    ['/sys/x', '/sys/x', /on the \/sys pseudo file system/],
    ['/dev/x', '/dev/x', /on the \/dev pseudo file system/],
  ];
  for (const [label, out, why] of cases) {
    it(`${label}: exit 2, one line naming --out, the path and the reason`, async () => {
      await attempt('output folders', async () => {
        const r = await cli(['writer', '--out', out], [writer]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(new RegExp(`^error: --out ${out.replace(/[/.]/g, '\\$&')}: `));
        expect(r.stderr).toMatch(why);
      });
    });
  }
  it('left the file intact and wrote nothing', () => {
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
  it('a missing folder several levels deep is created', async () => {
    await attempt('output folders', async () => {
      const out = join(dir, 'x', 'y', 'z');
      expect((await cli(['writer', '--out', out], [writer])).code).toBe(0);
      expect(existsSync(join(out, 'writer', 'summary.json'))).toBe(true);
    });
  });
});

describe('--out under an unprivileged user (setpriv), a read-only folder', () => {
  const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
  it.skipIf(!isRoot || !hasSetpriv)('exit 2 naming the reason, for a folder and for a level to create', async () => {
    await attempt('output folders', () => {
      const dir = tempDir('laelab-ro-');
      chmodSync(dir, 0o755);
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      for (const [out, why] of [[ro, /not writable \(EACCES/], [join(ro, 'new'), /cannot create .* \(EACCES/]] as const) {
        const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, TSX, 'sims/cli.ts', 'lae-scalar', '--out', out],
          { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`error: --out ${out.replace(/[/.]/g, '\\$&')}: `));
        expect(r.stderr).toMatch(why);
      }
      expect(readdirSync(ro)).toEqual([]);
    });
  }, 120_000);
});

describe('every command checks --out before it runs, within seconds', () => {
  for (const [label, command] of [
    ['npm run sim', ['sims/cli.ts', 'lae-scalar', '--out', '/proc/x']],
    ['npm run sims', ['sims/report.ts', '--run-sims', '--out', '/proc/x']],
    ['npm run report', ['sims/report.ts', '--out', '/proc/x']],
    ['npm run bench', ['sims/bench/run.ts', '--out', '/proc/x']],
  ] as const) {
    it(`${label} --out /proc/x: exit 2 in seconds`, async () => {
      await attempt('output folders', () => {
        const r = run([...command], 30_000);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/--out \/proc\/x: it is on the \/proc pseudo file system/);
        expect(r.ms).toBeLessThan(30_000);
      });
    }, 60_000);
  }
});

describe('a disk that fills mid-run', () => {
  const mountPoint = tempDir('laelab-full-');
  const mounted = isRoot && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });
  it.skipIf(!mounted)('keeps the earlier results whole, leaves no temporary file, exits 1 naming the file and the error', async () => {
    await attempt('output folders', async () => {
      expect((await cli(['writer', '--files', '2', '--size', '1000', '--out', mountPoint], [writer])).code).toBe(0);
      const folder = join(mountPoint, 'writer');
      const before = snapshot(folder);
      const r = await cli(['writer', '--files', '3', '--size', '30000', '--out', mountPoint], [writer]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot write .*writer\/part\d\.txt: ENOSPC/);
      expect(tempFiles(folder)).toEqual([]);
      // summary.json of the first run is untouched; written parts are whole (old or new), never cut
      expect(snapshot(folder).get('summary.json')).toEqual(before.get('summary.json'));
      for (const [name, data] of snapshot(folder)) if (name.startsWith('part')) expect([1000, 30000]).toContain(data.length);
    });
  });
});
