/**
 * npm run bench [-- --reps N] — kernel benchmarks, each measured side by side with its baseline
 * in the same run; prints a table and writes results/bench/gemm.json.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/sim/results.js';
import { benchGemm } from './gemm.js';

const USAGE = `Usage: npm run bench [-- --reps N] [--out DIR]

Measures float64 gemm GFLOP/s at n = 128, 256, 512 for laelab's register-tiled kernel and, in the
same run, for a plain i-k-j loop, and prints the ratio (target ≥ 3× at 512).
  --reps N   repetitions per figure, median reported (integer 1..50, default 5)
  --out DIR  results folder (default results); writes DIR/bench/gemm.json`;

function parseArgs(argv: readonly string[]): { reps: number; out: string } {
  let reps = 5;
  let out = 'results';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--reps') {
      const v = argv[++i];
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 1 || n > 50) fail(`--reps: expected an integer in [1, 50], got "${v ?? ''}"`);
      reps = n;
    } else if (a === '--out') {
      const v = argv[++i];
      if (v === undefined || v === '') fail('--out: expected a folder path, got ""');
      out = v;
    } else {
      fail(`unknown option "${a}" (valid: --reps, --out, --help)`);
    }
  }
  return { reps, out };
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const { reps, out } = parseArgs(process.argv.slice(2));
console.error(`gemm benchmark, ${reps} repetitions per figure (median) …`);
const rows = benchGemm([128, 256, 512], reps);
console.log('\n  n     kernel GFLOP/s   i-k-j GFLOP/s   ratio');
for (const r of rows) {
  console.log(`${String(r.n).padStart(5)}   ${r.kernelGflops.toFixed(2).padStart(13)}   ${r.ikjGflops.toFixed(2).padStart(13)}   ${r.ratio.toFixed(2).padStart(5)}×`);
}
const at512 = rows.find((r) => r.n === 512)!;
console.log(`\nregister-tiled kernel at 512: ${at512.ratio.toFixed(2)}× the i-k-j loop (target ≥ 3×: ${at512.ratio >= 3 ? 'met' : 'MISSED'})`);
const dir = path.join(out, 'bench');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'gemm.json');
writeFileAtomic(
  file,
  JSON.stringify({ benchmark: 'gemm float64, square n×n', reps, statistic: 'median', machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version }, rows }, null, 2) + '\n',
);
console.log(`wrote ${file}`);
