/**
 * npm run bench [-- options] — laelab's kernels and training loops measured side by side with
 * their peers in the same run (several repetitions, medians, ratios); prints a table and writes
 * results/bench/summary.json and results/bench/table.md.
 */
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/sim/results.js';
import { checkOutputFolder, makeFolder } from '../../src/sim/out-folder.js';
import { gemmThreads, getKernelOptions, wasmFailure, wasmRuntime } from '../../src/tensor/kernels/index.js';
import { wasmSimdCeiling } from './ceiling.js';
import { benchFig3 } from './fig3.js';
import { benchGemm, gemmShapes } from './gemm.js';
import { benchLeNet } from './lenet.js';
import { benchMlp, mlpConfigs } from './mlp.js';
import { benchPca } from './pca.js';
import { probePython, type PythonInfo } from './peers/python.js';
import { loadTfjs, type TfjsPeer } from './peers/tfjs.js';
import { probeTorch, REFERENCE_BLAS, TORCH_CANDIDATES, type TorchPeer } from './peers/torch.js';
import { ceilingNote, formatTable, formatMarkdown, evaluateTargets, type TargetResult } from './report.js';
import { threadScaling } from './threads.js';
import { loadAverage } from './timing.js';
import type { Section } from './types.js';

const SECTIONS = ['gemm', 'mlp', 'lenet', 'fig3', 'pca'] as const;
type SectionId = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench [-- --reps N] [--quick] [--only LIST] [--no-peers]
                     [--torch-python PATH] [--out DIR]

Measures, for laelab and its peers in the same run (median of N repetitions):
  gemm   GFLOP/s at n = 64 … 1024 and the MNIST layer products (batch 64 × 784 × 256), float64 and
         float32, 2 threads and 1; then the thread-scaling curve and where a 2-thread call's time goes
  mlp    MLP 784-256-256-10 training throughput, batch 32 and 64, SGD and Adam (samples/s), float64 and float32
  lenet  LeNet-5 training throughput, 28×28 digits, batch 64, SGD (samples/s), float64 and float32
  fig3   the paper's Fig. 3 run, 20×20, k = 10, 4000 Adam steps, three losses (seconds)
  pca    LAE-PCA on MNIST (k = 9) to principal-angle sine ≤ 1e-6 (sims/bench/pca.ts, when present)
Peers: TensorFlow.js cpu and wasm backends (float32), NumPy/SciPy through python3 (skipped with a
note when absent), ml-pca, and PyTorch (float64 and float32, 1 and 2 threads, and its best thread
setting) through the first of ${TORCH_CANDIDATES.join(', ')} that imports torch (skipped with a note
when none does; Debian: apt-get install python3-torch libopenblas0-pthread, through /usr/bin/python3).
laelab columns: as shipped (WebAssembly SIMD + threads; float64), float32 (--dtype float32 of the
network sims: f32x4 kernels), one thread, and the TypeScript-only reference kernels (LAELAB_KERNELS=js).
  --reps N     repetitions per figure, median reported (integer 1..50, default 5)
  --quick      smaller sizes (n ≤ 512, MLP batch 64 only), 3 repetitions, 1000 Fig. 3 steps: a smoke run
  --only LIST  comma-separated sections (${SECTIONS.join(',')}); default all
  --no-peers   laelab columns only
  --torch-python PATH  the interpreter for the PyTorch peer (default: probe the list above)
  --out DIR    results folder (default results); writes DIR/bench/summary.json and table.md`;

interface Args {
  reps: number;
  quick: boolean;
  only: Set<SectionId>;
  peers: boolean;
  torchPython: string | null;
  out: string;
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { reps: 5, quick: false, only: new Set(SECTIONS), peers: true, torchPython: null, out: 'results' };
  let repsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--reps') {
      const v = argv[++i];
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 1 || n > 50) fail(`--reps: expected an integer in [1, 50], got "${v ?? ''}"`);
      a.reps = n;
      repsGiven = true;
    } else if (arg === '--quick') {
      a.quick = true;
    } else if (arg === '--no-peers') {
      a.peers = false;
    } else if (arg === '--only') {
      const v = argv[++i] ?? '';
      const ids = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const bad = ids.filter((s) => !(SECTIONS as readonly string[]).includes(s));
      if (ids.length === 0 || bad.length > 0) fail(`--only: expected a comma-separated list of ${SECTIONS.join(', ')}, got "${v}"`);
      a.only = new Set(ids as SectionId[]);
    } else if (arg === '--torch-python') {
      const v = argv[++i];
      if (v === undefined || v === '') fail('--torch-python: expected an interpreter path, got ""');
      a.torchPython = v;
    } else if (arg === '--out') {
      const v = argv[++i];
      if (v === undefined || v === '') fail('--out: expected a folder path, got ""');
      try {
        a.out = checkOutputFolder(v);
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
      }
    } else {
      fail(`unknown option "${arg}" (valid: --reps, --quick, --only, --no-peers, --torch-python, --out, --help)`);
    }
  }
  if (a.quick && !repsGiven) a.reps = 3;
  return a;
}


const args = parseArgs(process.argv.slice(2));
const started = new Date();
const t0 = performance.now();
const loadBefore = loadAverage();
console.error(`bench: ${args.reps} repetitions per figure (median); load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores`);

const rt = wasmRuntime(2);
const kernelNotes: string[] = [];
if (rt === null) kernelNotes.push(`WebAssembly kernels unavailable here (${wasmFailure() ?? 'unknown reason'}): laelab columns use the TypeScript kernels`);
const threads = gemmThreads();

let tfjs: TfjsPeer | null = null;
let python: PythonInfo | null = null;
let torch: TorchPeer | null = null;
const peerNotes: string[] = [];
if (args.peers) {
  const t = await loadTfjs();
  if ('skipped' in t) peerNotes.push(`TensorFlow.js skipped: ${t.skipped}`);
  else {
    tfjs = t;
    peerNotes.push(`TensorFlow.js ${t.version}`, ...t.notes);
  }
  const p = probePython();
  if ('skipped' in p) peerNotes.push(`NumPy/SciPy skipped: ${p.skipped}`);
  else {
    python = p.info;
    const env = Object.entries(p.info.env).map(([k, v]) => `${k}=${v}`).join(' ');
    peerNotes.push(`NumPy ${p.info.numpy} (${p.info.blas}${env ? `, ${env}` : ''}), SciPy ${p.info.scipy ?? 'absent'}`);
  }
  if (args.only.has('gemm') || args.only.has('mlp') || args.only.has('lenet')) {
    const t = probeTorch(args.torchPython === null ? TORCH_CANDIDATES : [args.torchPython]);
    if ('skipped' in t) {
      console.error(`bench: ${t.skipped}`);
      peerNotes.push(t.skipped);
    } else {
      torch = t;
      peerNotes.push(`PyTorch ${t.version} through ${t.python} (CPU, BLAS ${t.blas}; torch.set_num_threads 1 and 2, "best" = the faster setting per row)`);
      if (REFERENCE_BLAS.test(t.blas)) {
        const warn = 'PyTorch runs on the reference BLAS (slow float64 products): apt-get install libopenblas0-pthread';
        console.error(`bench: ${warn}`);
        peerNotes.push(warn);
      }
    }
  }
}

const sections: Section[] = [];
if (args.only.has('gemm')) {
  console.error('gemm …');
  const square = args.quick ? [64, 128, 256, 512] : [64, 128, 256, 512, 1024];
  sections.push(await benchGemm({ reps: args.reps, shapes: gemmShapes(square, 64), tfjs, numpy: python !== null, torch }));
}
if (args.only.has('mlp')) {
  console.error('MLP training …');
  sections.push(await benchMlp({ reps: args.reps, configs: mlpConfigs(args.quick), tfjs, torch }));
}
if (args.only.has('lenet')) {
  console.error('LeNet-5 training …');
  sections.push(await benchLeNet({ reps: args.reps, batch: 64, tfjs, torch }));
}
if (args.only.has('fig3')) {
  console.error('Fig. 3 run …');
  sections.push(benchFig3({ reps: args.reps, steps: args.quick ? 1000 : 4000 }));
}
if (args.only.has('pca')) {
  console.error('LAE-PCA on MNIST …');
  sections.push(benchPca({ reps: args.reps, quick: args.quick, python, peers: args.peers }));
}

// what one core can do in wasm SIMD at all: how close the gemm gets, and why NumPy stays ahead
const ceiling = args.only.has('gemm') ? await wasmSimdCeiling() : null;
const ceilingNotes = ceiling === null ? [] : ceilingNote(ceiling.gflops, sections.find((s) => s.id === 'gemm'));
if (args.only.has('gemm')) console.error('thread scaling …');
const scalingNotes = args.only.has('gemm') ? threadScaling(sections.find((s) => s.id === 'gemm'), args.reps) : [];

const loadAfter = loadAverage();
const targets: TargetResult[] = evaluateTargets(sections);
const notes = [
  `machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
  `laelab kernels: ${rt === null ? 'TypeScript only' : `WebAssembly SIMD (f64x2${rt.variant === 'relaxed-simd' ? ', gemm with relaxed-SIMD fused multiply-add' : ', mul + add'}), ${threads} thread${threads > 1 ? 's' : ''} for large products`}`,
  ...kernelNotes,
  ...peerNotes,
  ...sections.flatMap((s) => s.notes),
  ...ceilingNotes,
  ...scalingNotes,
];
console.log('\n' + formatTable(sections, targets, notes));
const dir = path.join(args.out, 'bench');
makeFolder(dir);
const summary = {
  benchmark: 'npm run bench',
  argv: process.argv.slice(2),
  started: started.toISOString(),
  wallSeconds: (performance.now() - t0) / 1000,
  reps: args.reps,
  statistic: 'median',
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    availableParallelism: os.availableParallelism(),
    node: process.version,
    v8: process.versions.v8,
    loadAverage: { before: loadBefore, after: loadAfter },
  },
  kernels: { wasm: rt === null ? null : rt.variant, threads, options: getKernelOptions(), failure: wasmFailure() ?? null, wasmSimdCeilingGflopsPerCore: ceiling?.gflops ?? null },
  peers: { tfjs: tfjs ? tfjs.version : null, python, torch },
  sections,
  targets,
  notes,
};
const file = path.join(dir, 'summary.json');
writeFileAtomic(file, JSON.stringify(summary, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n');
writeFileAtomic(path.join(dir, 'table.md'), formatMarkdown(sections, targets, notes) + '\n');
console.log(`wrote ${file} and ${path.join(dir, 'table.md')}`);
