/** The bench report: the table (terminal and Markdown) and the issue's targets. */
import { COLUMN_LABELS, MLP_REFERENCE, COLUMNS, speedRatio, type Column, type Figure, type Section } from './types.js';

const PEERS: readonly Column[] = ['numpy', 'numpy-1t', 'scipy', 'tfjs-cpu', 'tfjs-wasm', 'ml-pca', 'torch-f64', 'torch-f32'];
/** Ratio columns of laelab's float32 option: against the float32 peers. */
const F32_PEERS: readonly Column[] = ['torch-f32'];

export interface TargetResult {
  target: string;
  /** Measured ratio or value, formatted. */
  measured: string;
  /** null when the peer or figure was not measured in this run. */
  met: boolean | null;
}

function figureOf(sections: readonly Section[], section: string, match: (f: Figure) => boolean): Figure | undefined {
  return sections.find((s) => s.id === section)?.figures.find(match);
}

function ratioTarget(f: Figure | undefined, peer: Column, min: number, label: string, ours: Column = 'laelab'): TargetResult {
  const r = f ? speedRatio(f, peer, ours) : null;
  if (r === null) {
    const missing = [f?.values[ours] ? null : COLUMN_LABELS[ours], f?.values[peer] ? null : COLUMN_LABELS[peer]].filter((x) => x !== null);
    return { target: label, measured: `not measured (${missing.join(', ')})`, met: null };
  }
  const met = r >= min;
  return { target: label, measured: `${fmtRatio(r)}${met ? '' : ` (missed by ${(((min - r) / min) * 100).toFixed(0)} %)`}`, met };
}

/** The issue's targets, as ratios measured in this run. */
export function evaluateTargets(sections: readonly Section[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const n of [512, 1024]) {
    const f = figureOf(sections, 'gemm', (x) => x.name === `gemm ${n}×${n}×${n}`);
    if (!f) continue;
    // against NumPy's faster configuration in this run (default threads or one thread)
    const np = f.values['numpy'] ?? null, np1 = f.values['numpy-1t'] ?? null;
    const best: Column = np1 !== null && (np === null || np1 > np) ? 'numpy-1t' : 'numpy';
    out.push(ratioTarget(f, best, 0.5, `gemm ${n}: ≥ 0.5× NumPy${best === 'numpy-1t' ? ' (its faster setting here: 1 thread)' : ''}`));
    out.push(ratioTarget(f, 'tfjs-cpu', 10, `gemm ${n}: ≥ 10× TensorFlow.js cpu`));
  }
  const mlp = figureOf(sections, 'mlp', (x) => x.name === MLP_REFERENCE);
  if (mlp) out.push(ratioTarget(mlp, 'tfjs-wasm', 2, 'MLP training: ≥ 2× TensorFlow.js wasm'));
  for (const f of sections.find((s) => s.id === 'mlp')?.figures ?? []) {
    if (f.values['torch-f64'] !== undefined) out.push(ratioTarget(f, 'torch-f64', 0.5, `${f.name}: ≥ 0.5× PyTorch's best float64 setting`));
    if (f.values['torch-f32'] !== undefined) out.push(ratioTarget(f, 'torch-f32', 0.5, `${f.name}, float32: ≥ 0.5× PyTorch's best float32 setting`, 'laelab-f32'));
  }
  const lenet = figureOf(sections, 'lenet', () => true);
  if (lenet) {
    out.push(ratioTarget(lenet, 'tfjs-wasm', 1, 'LeNet-5 training: ≥ 1× TensorFlow.js wasm'));
    out.push(ratioTarget(lenet, 'torch-f64', 0.3, "LeNet-5 training: ≥ 0.3× PyTorch's best float64 setting"));
    out.push(ratioTarget(lenet, 'torch-f32', 0.3, "LeNet-5 training, float32: ≥ 0.3× PyTorch's best float32 setting", 'laelab-f32'));
  }
  const fig3 = figureOf(sections, 'fig3', () => true);
  if (fig3) {
    const v = fig3.values['laelab'];
    if (v === null || v === undefined) out.push({ target: 'Fig. 3 run: < 1 s', measured: 'not measured', met: null });
    else out.push({ target: `Fig. 3 run: < 1 s`, measured: `${v.toFixed(3)} s${fig3.name.includes('4000') ? '' : ' (not at 4000 steps)'}`, met: v < 1 && fig3.name.includes('4000') });
  }
  const pca = figureOf(sections, 'pca', (x) => x.values['scipy'] !== undefined);
  if (pca) out.push(ratioTarget(pca, 'scipy', 1, 'LAE-PCA on MNIST: no slower than SciPy svds'));
  if (pca) out.push(ratioTarget(pca, 'ml-pca', 50, 'LAE-PCA on MNIST: ≥ 50× ml-pca'));
  return out;
}

function fmtValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '–';
  if (unit === 's') return v < 10 ? v.toFixed(3) : v.toFixed(1);
  if (v >= 1000) return v.toFixed(0);
  if (v >= 100) return v.toFixed(1);
  return v.toFixed(2);
}

function fmtRatio(r: number | null): string {
  if (r === null) return '–';
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

interface Grid {
  title: string;
  header: string[];
  rows: string[][];
}

function grids(sections: readonly Section[]): Grid[] {
  return sections.map((s) => {
    // laelab always (a '–' says it was not measured, see the notes); peers where measured
    const cols = COLUMNS.filter((c) => c === 'laelab' || s.figures.some((f) => f.values[c] !== undefined && f.values[c] !== null));
    const ratios: [Column, Column][] = [
      ...PEERS.filter((c) => cols.includes(c)).map((p): [Column, Column] => ['laelab', p]),
      ...(cols.includes('laelab-f32') ? F32_PEERS.filter((c) => cols.includes(c)).map((p): [Column, Column] => ['laelab-f32', p]) : []),
    ];
    const header = ['figure', ...cols.map((c) => COLUMN_LABELS[c]), ...ratios.map(([a, p]) => `${COLUMN_LABELS[a]} ÷ ${COLUMN_LABELS[p]}`)];
    const rows = s.figures.map((f) => [
      f.name.replace(/^gemm /, ''),
      ...cols.map((c) => fmtValue(f.values[c], f.unit)),
      ...ratios.map(([a, p]) => fmtRatio(speedRatio(f, p, a))),
    ]);
    return { title: s.title, header, rows };
  });
}

/** Plain-text table for the terminal. */
export function formatTable(sections: readonly Section[], targets: readonly TargetResult[], notes: readonly string[]): string {
  const lines: string[] = [];
  for (const g of grids(sections)) {
    const widths = g.header.map((h, i) => Math.max(h.length, ...g.rows.map((r) => r[i]!.length)));
    lines.push(g.title);
    lines.push('  ' + g.header.map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : h.padStart(widths[i]!))).join('  '));
    for (const r of g.rows) lines.push('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    lines.push('');
  }
  if (targets.length > 0) {
    lines.push('targets (ratios: laelab speed ÷ peer speed, same run)');
    for (const t of targets) lines.push(`  ${t.met === null ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`);
    lines.push('');
  }
  for (const n of notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** The same as Markdown (docs/performance.md). */
export function formatMarkdown(sections: readonly Section[], targets: readonly TargetResult[], notes: readonly string[]): string {
  const lines: string[] = [];
  for (const g of grids(sections)) {
    lines.push(`**${g.title}**`, '');
    lines.push(`| ${g.header.join(' | ')} |`);
    lines.push(`|${g.header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const r of g.rows) lines.push(`| ${r.join(' | ')} |`);
    lines.push('');
  }
  if (targets.length > 0) {
    lines.push('| target | measured | |', '|---|---|---|');
    for (const t of targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? 'n/a' : t.met ? 'met' : '**missed**'} |`);
    lines.push('');
  }
  for (const n of notes) lines.push(`- ${n}`);
  return lines.join('\n');
}

/**
 * What the measured wasm SIMD ceiling (GFLOP/s of one core, ./ceiling.ts) says about the gemm rows:
 * the share of the ceiling laelab reaches, how far NumPy's 256-bit FMA is above it, and the share
 * of the two-core ceiling that 0.5× NumPy would take.
 */
export function ceilingNote(perCore: number, gemm: Section | undefined): string[] {
  const lines = [`WebAssembly f64x2 ceiling on this machine: ${perCore.toFixed(1)} GFLOP/s per core (12 independent multiply-add chains, no memory traffic; ./sims/bench/ceiling.ts)`];
  for (const f of gemm?.figures ?? []) {
    if (!/ (512|1024)×\1×\1$/.test(f.name)) continue;
    const { laelab, 'laelab-1t': one, numpy, 'numpy-1t': npOne } = f.values;
    const parts: string[] = [];
    if (one) parts.push(`1 thread at ${((one / perCore) * 100).toFixed(0)}% of one core's ceiling`);
    if (laelab) parts.push(`2 threads at ${((laelab / (2 * perCore)) * 100).toFixed(0)}% of two cores'`);
    if (npOne) parts.push(`NumPy 1 thread = ${(npOne / perCore).toFixed(2)}× one core's wasm ceiling`);
    if (numpy) parts.push(`0.5× NumPy needs ${((0.5 * numpy / (2 * perCore)) * 100).toFixed(0)}% of the two-core wasm ceiling`);
    lines.push(`${f.name}: ${parts.join('; ')}`);
  }
  return lines;
}
