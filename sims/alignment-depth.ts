/**
 * alignment-depth — does the gap to backprop widen with depth? Every rule on networks of growing
 * depth (MLPs with 2 → 10 hidden layers by default, or ResNet-8 → 20 (→ 32)), several seeds: final
 * test accuracy and the signal angle ∠(delivered δ, backprop δ) averaged over the hidden layers,
 * each against depth, mean ± std over seeds.
 */
import { lineChart, type LineSeries } from '../src/charts/index.js';
import { getRule, trainNetwork, type TrainResult } from '../src/alignment/index.js';
import { buildMlp, resnet, type Network } from '../src/nn/index.js';
import { defineSimulation, type ParamValues } from '../src/sim/index.js';
import { Rng } from '../src/random/rng.js';
import { checkData, fmt, loadData, mean, meanOrNull, ruleColor, runJobs, runLine, std, type Data, type Job, serveComparison, splitsOf, type ComparisonInit, DATA_SOURCE_PARAMS, OPTIMIZER_PARAMS, ALIGNMENT_PARAMS, DTYPE_PARAMS, localLossOptions, sizeParams, WORKER_PARAMS } from './alignment/compare.js';

/**
 * Defaults: the MLP family (784 → d hidden layers of 128 relu units → 10), Adam lr 1e-3 (one
 * setting for every depth and rule: no per-depth tuning, so the comparison is of the rules, not of
 * tuned runs), 4,000 training digits, 3 epochs, 2 seeds — about two minutes on 2 cores. --full:
 * 8,000 digits, 10 epochs, 3 seeds, depths up to 12; ResNet depths 8/14/20 (+ 32 with --full).
 */
const PARAMS = {
  ...DATA_SOURCE_PARAMS,
  family: { kind: 'choice', choices: ['mlp', 'resnet'], default: 'mlp', help: 'mlp: hidden layers of --width units; resnet: ResNet-(6n+2) of first-stage width --width' },
  depths: { kind: 'numberList', min: 1, max: 110, minLength: 1, maxLength: 12, default: [2, 4, 6, 8, 10], full: [2, 4, 6, 8, 10, 12], help: 'mlp: hidden layers; resnet: depths 6n + 2 (e.g. 8,14,20,32)' },
  width: { kind: 'integer', min: 1, max: 4096, default: 128, help: 'mlp: units per hidden layer; resnet: channels of the first stage' },
  seeds: { kind: 'integer', min: 1, max: 50, default: 2, full: 3, help: 'seeds per rule and depth' },
  epochs: { kind: 'integer', min: 1, max: 1000, default: 3, full: 10, help: 'training epochs' },
  lr: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1e-3, help: "learning rate of W, b and learned B (and of KP's B)" },
  ...OPTIMIZER_PARAMS,
  ...ALIGNMENT_PARAMS,
  ...DTYPE_PARAMS,
  ...sizeParams({ batchSize: 64, train: 4000, trainFull: 8000, test: 2000, signalBatch: 256 }),
  ...WORKER_PARAMS,
} as const;

type Params = ParamValues<typeof PARAMS>;

interface DepthJob extends Job {
  readonly depth: number;
}

function buildNetwork(p: Params, data: Data, depth: number, rng: Rng): Network {
  if (p.family === 'mlp') return buildMlp({ sizes: [data.inputShape[0]!, ...Array<number>(depth).fill(p.width), data.classes], activation: 'relu', rng });
  return resnet({ inputShape: data.inputShape as [number, number, number], classes: data.classes, depth, width: p.width, rng });
}

export const alignmentDepth = defineSimulation({
  name: 'alignment-depth',
  title: 'Learning rules against depth: does the gap to backprop widen?',
  description:
    'Trains networks of growing depth with every registered rule — MLPs with 2, 4, …, 10 hidden layers (--family mlp) or ResNet-8/14/20 ' +
    '(--family resnet --depths 8,14,20) — on MNIST (or CIFAR-10 with --data-dir), the same initial weights per seed and depth. ' +
    'Charts: final test accuracy vs depth and mean signal angle over the hidden layers vs depth, one line per rule with a ±1 std band over seeds; ' +
    'table.md: accuracy mean ± std per rule and depth, and the gap to backprop.',
  params: PARAMS,
  check: (p) => {
    if (!p.depths.every(Number.isInteger)) return `--depths ${p.depths.join(',')}: depths must be whole numbers`;
    if (p.family === 'resnet' && !p.depths.every((d) => d >= 8 && (d - 2) % 6 === 0)) return `--depths ${p.depths.join(',')}: ResNet depths must be 6n + 2 (8, 14, 20, 32, …)`;
    if (p.family === 'mlp' && p.depths.some((d) => d > 32)) return `--depths ${p.depths.join(',')}: at most 32 hidden layers`;
    return checkData(p, p.batchSize);
  },
  run: async (ctx) => {
    const p = ctx.params;
    const data = loadData(p, ctx.rng.fork('split'), p.family === 'resnet');
    const depths = [...new Set(p.depths)].sort((a, b) => a - b);
    const stepsPerEpoch = Math.floor(data.train.x.rows / p.batchSize);
    const what = p.family === 'mlp' ? `MLP, ${p.width} relu units per hidden layer` : `ResNet, width ${p.width}`;
    ctx.log(`${data.name}: ${data.train.x.rows} training rows, ${data.test.x.rows} test; ${what}, depths ${depths.join(', ')}; ${p.optimizer} lr ${p.lr}, ${p.epochs} epochs, ${p.seeds} seeds`);
    const jobs: DepthJob[] = [];
    for (const depth of depths) for (let seed = 0; seed < p.seeds; seed++) for (const rule of p.rules) jobs.push({ depth, seed, rule, feedbackLr: p.lr });
    const bar = ctx.progress('training', jobs.length * p.epochs * stepsPerEpoch);
    const start = performance.now();
    const runs = await runJobs(jobs, {
      kind: WORKER_KIND,
      module: import.meta.url,
      init: { rootSeed: ctx.rng.seed, params: p } satisfies ComparisonInit<Params>,
      workers: p.workers,
      local: (job, tick) => trainJob(p, data, ctx.rng, job, tick),
      tick: (n) => bar.tick(n),
      report: (job, r) => ctx.log(runLine(job, r, `depth ${String(job.depth).padStart(2)} `)),
    });
    bar.done();
    const wallSeconds = (performance.now() - start) / 1000;

    // per rule and depth: final accuracy (%) and the mean over hidden layers of the final signal angle
    const cell = (rule: string, depth: number) => {
      const mine = runs.filter((r) => r.job.rule === rule && r.job.depth === depth);
      const acc = mine.map((r) => 100 * r.result.final.testAccuracy!);
      const sig = mine.map((r) => meanOrNull(r.result.final.signalAngles) ?? 0);
      return { accuracyMean: mean(acc), accuracyStd: std(acc), signalAngleMean: mean(sig), signalAngleStd: std(sig) };
    };
    const grid = p.rules.map((rule) => ({ rule, label: getRule(rule).label, depths: depths.map((depth) => ({ depth, ...cell(rule, depth) })) }));
    const bp = grid.find((g) => g.rule === 'backprop');
    const header = `| rule | ${depths.map((d) => `depth ${d}`).join(' | ')} |\n|---|${depths.map(() => '---').join('|')}|\n`;
    const accTable = header + grid.map((g) => `| ${g.label} | ${g.depths.map((c) => `${c.accuracyMean.toFixed(2)} ± ${c.accuracyStd.toFixed(2)}`).join(' | ')} |`).join('\n');
    const gapTable = bp === undefined ? '' : `\n\nGap to backprop (percentage points, backprop − rule):\n\n${header}` +
      grid.filter((g) => g !== bp).map((g) => `| ${g.label} | ${g.depths.map((c, i) => (bp.depths[i]!.accuracyMean - c.accuracyMean).toFixed(2)).join(' | ')} |`).join('\n');
    const sigTable = `\n\nSignal angle (°), mean over hidden layers, mean ± std over seeds:\n\n${header}` +
      grid.map((g) => `| ${g.label} | ${g.depths.map((c) => `${fmt(c.signalAngleMean)} ± ${fmt(c.signalAngleStd)}`).join(' | ')} |`).join('\n');
    const table = `Test accuracy % (mean ± std over ${p.seeds} seed${p.seeds > 1 ? 's' : ''}) by depth; ${data.name}, ${what}, ${p.optimizer} lr ${p.lr}, ${p.epochs} epochs.\n\n${accTable}${gapTable}${sigTable}\n`;
    ctx.writeText('table.md', table);
    ctx.writeJson('table.json', { family: p.family, depths, rules: grid });

    const bands = (pick: (c: ReturnType<typeof cell>) => [number, number]): LineSeries[] => grid.map((g, i) => {
      const m = g.depths.map((c) => pick(c)[0]);
      const s = g.depths.map((c) => pick(c)[1]);
      const band = p.seeds < 2 ? undefined : { lower: m.map((v, j) => v - s[j]!), upper: m.map((v, j) => v + s[j]!) };
      return { label: g.label, x: depths, y: m, color: ruleColor(g.rule, i), band };
    });
    const xLabel = p.family === 'mlp' ? 'hidden layers' : 'ResNet depth';
    const seedsNote = `mean ± std over ${p.seeds} seed${p.seeds > 1 ? 's' : ''}`;
    ctx.writePng('accuracy-vs-depth.png', await lineChart({
      title: `Final test accuracy vs depth — ${data.name}, ${what} (${seedsNote})`, xLabel, yLabel: 'test accuracy (%)',
      series: bands((c) => [c.accuracyMean, c.accuracyStd]), width: 900, height: 560,
    }));
    ctx.writePng('signal-angle-vs-depth.png', await lineChart({
      title: `Signal angle ∠(δ delivered, δ backprop), mean over hidden layers, vs depth (${seedsNote})`, xLabel, yLabel: 'angle (degrees)',
      series: bands((c) => [c.signalAngleMean, c.signalAngleStd]), width: 900, height: 560,
    }));
    ctx.log(`\n${table}\ntraining: ${wallSeconds.toFixed(1)} s wall for ${runs.length} runs`);
    return {
      family: p.family,
      depths,
      trainingWallSeconds: wallSeconds,
      grid,
      results: runs.map((r) => ({ rule: r.job.rule, seed: r.job.seed, depth: r.job.depth, testAccuracy: r.result.final.testAccuracy!, signalAngles: [...r.result.final.signalAngles] })),
    };
  },
});

function trainJob(p: Params, data: Data, root: Rng, job: DepthJob, onStep: () => void): TrainResult {
  const seedRng = root.fork(`seed${job.seed}`).fork(`depth${job.depth}`);
  return trainNetwork({
    network: buildNetwork(p, data, job.depth, seedRng.fork('network')),
    rule: getRule(job.rule),
    ...splitsOf(data),
    epochs: p.epochs,
    batchSize: p.batchSize,
    optimizer: p.optimizer,
    lr: p.lr,
    momentum: p.optimizer === 'sgd' ? p.momentum : 0,
    feedbackLr: job.feedbackLr,
    signalBatch: p.signalBatch,
    ...localLossOptions(p),
    dtype: p.dtype,
    rng: seedRng.fork('train'),
    onStep,
  });
}

const WORKER_KIND = 'alignment-depth-train';

serveComparison<Params, DepthJob>(WORKER_KIND, (params, root) => {
  const data = loadData(params, root.fork('split'), params.family === 'resnet');
  return (job, tick) => trainJob(params, data, root, job, tick);
});
