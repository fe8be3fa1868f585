/**
 * One entry point for every PCA method: `pca(X, options)` on data, `pcaFromCovariance(C, options)`
 * on C = XXᵀ. Each returns the top-k directions (orthonormal columns, eigenvalues descending), the
 * eigenvalues of C, the iteration count, whether the stopping rule was met, the compute time and
 * the error history (against `options.reference` when given).
 */
import { Rng } from '../random/rng.js';
import type { Tensor } from '../tensor/index.js';
import { eigenBaseline, ojaSubspaceBaseline, randomizedBaseline, ritzEstimate, subspaceBaseline, svdBaseline, type BaselineRun } from './baselines.js';
import { covariance, dataShape } from './covariance.js';
import { Tracker, type Estimate } from './history.js';
import { decoderDirections, runLae } from './lae.js';
import { LAE_METHODS, PCA_METHODS, type LaeMethod, type PcaOptions, type PcaReference, type PcaResult } from './types.js';
import { expandRows, normalizeSigns, principalSubmatrix, selectRows } from './util.js';

const isLae = (m: string): m is LaeMethod => (LAE_METHODS as readonly string[]).includes(m);

function checkOptions(fn: string, m: number, o: PcaOptions): void {
  if (!(PCA_METHODS as readonly string[]).includes(o.method)) throw new Error(`${fn}: unknown method "${String(o.method)}" (one of ${PCA_METHODS.join(', ')})`);
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > m) throw new RangeError(`${fn}: k must be an integer in [1, ${m}], got ${o.k}`);
  const positive = (name: string, v: number | undefined): void => {
    if (v !== undefined && !(v > 0 && Number.isFinite(v))) throw new RangeError(`${fn}: ${name} must be a positive finite number, got ${v}`);
  };
  positive('lambda', o.lambda);
  positive('learningRate', o.learningRate);
  positive('tolerance', o.tolerance);
  positive('initStd', o.initStd);
  if (o.lambdaFraction !== undefined && !(o.lambdaFraction > 0 && o.lambdaFraction < 1)) throw new RangeError(`${fn}: lambdaFraction must be in (0, 1), got ${o.lambdaFraction}`);
  const count = (name: string, v: number | undefined, min: number): void => {
    if (v !== undefined && !(Number.isInteger(v) && v >= min)) throw new RangeError(`${fn}: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  count('maxIterations', o.maxIterations, 1);
  count('oversample', o.oversample, 0);
  count('powerIterations', o.powerIterations, 0);
  count('historyEvery', o.historyEvery, 1);
  if (o.reference && o.reference.components.rows !== m) throw new Error(`${fn}: reference.components has ${o.reference.components.rows} rows, expected m = ${m}`);
  if (o.reference && o.reference.components.cols < o.k) throw new Error(`${fn}: reference.components has ${o.reference.components.cols} columns, fewer than k = ${o.k}`);
}

/**
 * PCA of data X: m × n with points as columns (or n × m with `layout: 'rows'`), centred first
 * unless `center: false`. Forms C = XXᵀ (sparse-aware, see `covariance`) and runs the method on
 * it; the time to form C is part of `seconds` and offsets the history's seconds. Method 'svd'
 * factors X itself.
 */
export function pca(X: Tensor, options: PcaOptions): PcaResult {
  const layout = options.layout ?? 'columns';
  const { m } = dataShape(X, layout);
  checkOptions('pca', m, options);
  const t0 = performance.now();
  if (options.method === 'svd') {
    let Xc = layout === 'columns' ? X : X.transpose();
    if (options.center ?? true) Xc = Xc.sub(Xc.mean(1, true));
    const tracker = new Tracker(options.k, options.reference, options.historyEvery, options.onIteration);
    tracker.start((performance.now() - t0) / 1000);
    const run = svdBaseline(Xc, options.k, tracker);
    return finish('svd', options.k, run.estimate, run, tracker, { blockSize: options.k, activeFeatures: m });
  }
  const C = covariance(X, { layout, center: options.center ?? true });
  return runOnCovariance('pca', C, options, (performance.now() - t0) / 1000);
}

/** PCA from C = XXᵀ (m × m, symmetric positive semi-definite). Every method but 'svd'. */
export function pcaFromCovariance(C: Tensor, options: PcaOptions): PcaResult {
  if (C.rank !== 2 || C.rows !== C.cols) throw new Error(`pcaFromCovariance: C must be a square matrix, got shape [${C.shape.join(', ')}]`);
  checkOptions('pcaFromCovariance', C.rows, options);
  if (options.method === 'svd') throw new Error("pcaFromCovariance: method 'svd' factors the data X; call pca(X, …) or use method 'eigen'");
  return runOnCovariance('pcaFromCovariance', C, options, 0);
}

function runOnCovariance(fn: string, Cfull: Tensor, o: PcaOptions, offsetSeconds: number): PcaResult {
  const m = Cfull.rows;
  const k = o.k;
  const rng = o.rng ?? new Rng('pca');
  const t0 = performance.now();

  // Features with zero variance (C_ii = 0) carry no information: drop them, exactly.
  let active: Int32Array | null = null;
  if (o.dropZeroVariance ?? true) {
    const keep: number[] = [];
    for (let i = 0; i < m; i++) if (Cfull.data[i * m + i]! > 0) keep.push(i);
    if (keep.length < m && keep.length >= k) active = Int32Array.from(keep);
  }
  const C = active ? principalSubmatrix(Cfull, active) : Cfull;
  const reference: PcaReference | undefined = o.reference && active
    ? { components: selectRows(o.reference.components, active), eigenvalues: o.reference.eigenvalues }
    : o.reference;
  const mm = C.rows;
  const tracker = new Tracker(k, reference, o.historyEvery, o.onIteration);
  tracker.start(offsetSeconds + (performance.now() - t0) / 1000);

  const tolerance = o.tolerance ?? 1e-8;
  const initStd = o.initStd ?? 1 / Math.sqrt(mm);
  const oversample = o.oversample ?? (o.method === 'randomized' ? 10 : 0);
  const block = Math.min(mm, k + oversample);
  const shape = { blockSize: block, activeFeatures: mm };
  const expand = (e: Estimate): Estimate => (active ? { components: expandRows(e.components, active, m), eigenvalues: e.eigenvalues } : e);

  if (isLae(o.method)) {
    const gd = o.method.startsWith('gd-');
    const needPilot = o.lambda === undefined || (gd && o.learningRate === undefined);
    const theta = needPilot ? ritzEstimate(C, block, rng.fork('pilot')) : null;
    const lambda = o.lambda ?? (o.lambdaFraction ?? 0.75) * theta![block - 1]!;
    const eta = o.learningRate ?? (gd ? 0.5 / theta![0]! : 0);
    const maxIterations = o.maxIterations ?? (gd ? 100_000 : 10_000);
    const run = runLae(C, { method: o.method, latent: block, k, lambda, eta, tolerance, maxIterations, initStd, rng }, tracker);
    const est = decoderDirections(run.W2, lambda, k, C);
    const notes: string[] = [];
    if (!run.converged) notes.push(`${o.method}: stopped at the cap of ${maxIterations} iterations before ‖·‖ < ${tolerance}`);
    const collapsed = Array.from(est.singularValues.slice(0, k)).filter((s) => s < 1e-4).length;
    if (collapsed > 0) notes.push(`${collapsed} of the top ${k} decoder singular values are ≈ 0: λ = ${lambda} is not below σ_k² (Algorithm 1 needs λ < σ_k²)`);
    if (run.innerIterations > 0) notes.push(`exact-untied: ${run.innerIterations} conjugate-gradient iterations on the encoder's Sylvester equation`);
    return finish(o.method, k, expand(est), { iterations: run.iterations, converged: run.converged, notes }, tracker, {
      ...shape,
      lambda,
      ...(gd ? { learningRate: eta } : {}),
      decoderSingularValues: est.singularValues,
    });
  }

  let run: BaselineRun;
  switch (o.method) {
    case 'eigen':
      run = eigenBaseline(C, k, tracker);
      break;
    case 'randomized':
      run = randomizedBaseline(C, k, block - k, o.powerIterations ?? 2, rng, tracker);
      break;
    case 'subspace':
      run = subspaceBaseline(C, k, block - k, tolerance, o.maxIterations ?? 10_000, rng, tracker);
      break;
    case 'oja-subspace': {
      const eta = o.learningRate ?? 0.5 / ritzEstimate(C, k, rng.fork('pilot'))[0]!;
      run = ojaSubspaceBaseline(C, k, eta, initStd, tolerance, o.maxIterations ?? 100_000, rng, tracker);
      break;
    }
    default:
      throw new Error(`${fn}: method ${o.method} is not available here`);
  }
  if (!run.converged) run.notes.push(`${o.method}: stopped at the cap of ${run.iterations} iterations`);
  return finish(o.method, k, expand(run.estimate), run, tracker, { ...shape, ...(run.learningRate !== undefined ? { learningRate: run.learningRate } : {}) });
}

function finish(
  method: PcaResult['method'],
  k: number,
  estimate: Estimate,
  run: { iterations: number; converged: boolean; notes: string[] },
  tracker: Tracker,
  extra: Pick<PcaResult, 'blockSize' | 'activeFeatures'> & Partial<Pick<PcaResult, 'lambda' | 'learningRate' | 'decoderSingularValues'>>,
): PcaResult {
  const seconds = tracker.seconds();
  return {
    method,
    k,
    components: normalizeSigns(estimate.components.clone()),
    eigenvalues: Float64Array.from(estimate.eigenvalues),
    iterations: run.iterations,
    converged: run.converged,
    seconds,
    history: tracker.history,
    notes: run.notes,
    ...extra,
  };
}
