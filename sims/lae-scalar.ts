/**
 * Fig. 1 (§2.1): the scalar loss landscapes L, Lπ, Lσ over (w1, w2) with their critical points
 * from theory, and plain gradient descent from seeded random starts escaping the saddle.
 */
import { combinePngs, heatmapChart, valueRange, type HeatmapLine, type HeatmapMarker, type Point } from '../src/charts/index.js';
import { LOSS_LABELS, type LossKind } from '../src/lae/losses.js';
import {
  scalarCriticalPoints,
  scalarGradient,
  scalarGrid,
  type ScalarCriticalSet,
  type Vec2,
} from '../src/lae/theory/scalar.js';
import type { Rng } from '../src/random/rng.js';
import { defineSimulation, type JsonValue } from '../src/sim/index.js';
import { DivergenceError } from '../src/tensor/index.js';

const SADDLE_COLOR = '#ffd92f';
const MINIMUM_COLOR = '#e41a1c';
const PATH_COLOR = '#ff5fc8';
/** An end point this close to a critical point (or |w2w1 − c| this small) counts as arrived. */
const ARRIVAL_TOL = 1e-3;
/** Points kept per gradient-descent path for the chart and JSON. */
const PATH_POINTS = 300;

interface Landscape {
  kind: LossKind;
  lambda: number;
  /** File stem, e.g. "Lsigma-lambda-1". */
  id: string;
  title: string;
}

interface Descent {
  start: Vec2;
  end: Vec2;
  endedAt: string;
  gradNorm: number;
  path: Point[];
}

const SYMBOL: Record<LossKind, string> = { unregularized: 'L', product: 'Lpi', sum: 'Lsigma' };

function landscapes(x2: number, lambdas: readonly number[]): Landscape[] {
  const regime = (lambda: number) => (lambda < x2 ? '<' : lambda > x2 ? '>' : '=');
  const out: Landscape[] = [{ kind: 'unregularized', lambda: 0, id: 'L', title: `${LOSS_LABELS.unregularized}, x² = ${x2}` }];
  for (const kind of ['product', 'sum'] as const) {
    for (const lambda of lambdas) {
      out.push({ kind, lambda, id: `${SYMBOL[kind]}-lambda-${lambda}`, title: `${LOSS_LABELS[kind]}, λ = ${lambda} ${regime(lambda)} x² = ${x2}` });
    }
  }
  return out;
}

/** The two branches of w2w1 = c inside [−r, r]². */
function hyperbola(c: number, r: number, samples = 200): Point[][] {
  const lo = c / r; // |w2| ≤ r ⇔ |w1| ≥ c/r
  const branch = Array.from({ length: samples }, (_, i) => lo * (r / lo) ** (i / (samples - 1)));
  return [branch.map((w) => ({ x: w, y: c / w })), branch.map((w) => ({ x: -w, y: -c / w }))];
}

/** One overlay line per piece, the legend entry on the first only (heatmapChart drops empty labels). */
function overlay(label: string, pieces: readonly Point[][], color: string): HeatmapLine[] {
  return pieces.map((points, i) => ({ label: i === 0 ? label : '', points, color }));
}

function norm([a, b]: Vec2): number {
  return Math.hypot(a, b);
}

/** Which critical point or minima curve (w1-sign branch) an end point reached, if any. */
function arrival(end: Vec2, critical: ScalarCriticalSet): string {
  const fmt = (v: number) => v.toFixed(3);
  const point = critical.points.find((p) => Math.hypot(end[0] - p.w1, end[1] - p.w2) < ARRIVAL_TOL);
  if (point) return `${point.type} (${fmt(point.w1)}, ${fmt(point.w2)})`;
  const curve = critical.curves.find((c) => Math.abs(end[0] * end[1] - c.product) < ARRIVAL_TOL);
  if (curve) return `hyperbola w2w1 = ${fmt(curve.product)}, branch w1 ${end[0] > 0 ? '>' : '<'} 0`;
  return 'not arrived';
}

/** Plain gradient descent w ← w − lr·∇, keeping about PATH_POINTS points of the path. */
function descend(land: Landscape, x2: number, start: Vec2, lr: number, steps: number, critical: ScalarCriticalSet): Descent {
  const every = Math.max(1, Math.floor(steps / PATH_POINTS));
  let w: Vec2 = [...start];
  const path: Point[] = [{ x: w[0], y: w[1] }];
  for (let t = 1; t <= steps; t++) {
    const g = scalarGradient(land.kind, x2, land.lambda, w[0], w[1]);
    w = [w[0] - lr * g[0], w[1] - lr * g[1]];
    const bad = !Number.isFinite(w[0]) ? 'w1 (encoder)' : !Number.isFinite(w[1]) ? 'w2 (decoder)' : undefined;
    if (bad !== undefined) {
      throw new DivergenceError(`${land.title}: gradient descent from (${start.join(', ')}) diverged at step ${t}: ${bad} is not finite; lower --lr`, t, bad);
    }
    if (t % every === 0 || t === steps) path.push({ x: w[0], y: w[1] });
  }
  return { start, end: w, endedAt: arrival(w, critical), gradNorm: norm(scalarGradient(land.kind, x2, land.lambda, w[0], w[1])), path };
}

function markers(critical: ScalarCriticalSet, starts: readonly Vec2[]): HeatmapMarker[] {
  const out: HeatmapMarker[] = [];
  const saddles = critical.points.filter((p) => p.type === 'saddle');
  const minima = critical.points.filter((p) => p.type !== 'saddle');
  const at = (ps: typeof saddles) => ps.map((p) => ({ x: p.w1, y: p.w2 }));
  if (saddles.length > 0) out.push({ label: 'saddle', points: at(saddles), color: SADDLE_COLOR, style: 'triangle' });
  if (minima.length > 0) {
    const label = minima.some((p) => p.type === 'degenerate minimum') ? 'degenerate global minimum' : 'global minimum';
    out.push({ label, points: at(minima), color: MINIMUM_COLOR, style: 'star' });
  }
  if (starts.length > 0) out.push({ label: 'GD start', points: starts.map(([x, y]) => ({ x, y })), color: PATH_COLOR, style: 'circle' });
  return out;
}

function randomStarts(rng: Rng, count: number, std: number): Vec2[] {
  return Array.from({ length: count }, () => [rng.normal(0, std), rng.normal(0, std)] as Vec2);
}

export const laeScalar = defineSimulation({
  name: 'lae-scalar',
  title: 'Fig. 1: scalar loss landscapes of L, Lπ, Lσ',
  description:
    'The scalar LAE (n = m = k = 1, §2.1): heat maps with level lines of L, Lπ and Lσ over (w1, w2), the critical points from theory ' +
    '(saddles as triangles, minima as stars, minima hyperbolas as lines) and plain gradient-descent paths from seeded random starts near the origin.',
  params: {
    x2: { kind: 'number', min: 0, max: 100, exclusiveMin: true, default: 4, help: 'x², the squared data point' },
    lambdas: { kind: 'numberList', min: 0, max: 1000, exclusiveMin: true, maxLength: 4, default: [1, 6], help: 'λ values for Lπ and Lσ (Fig. 1 shows λ < x² and λ > x²)' },
    range: { kind: 'number', min: 0, max: 100, exclusiveMin: true, default: 2.5, help: 'plot (w1, w2) ∈ [−range, range]²' },
    resolution: { kind: 'integer', min: 11, max: 1001, default: 121, full: 301, help: 'grid samples per axis' },
    starts: { kind: 'integer', min: 0, max: 20, default: 4, help: 'gradient-descent starts per landscape' },
    initStd: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 0.4, help: 'standard deviation of the normal starts' },
    lr: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.01, help: 'gradient-descent learning rate' },
    steps: { kind: 'integer', min: 1, max: 100000, default: 1500, full: 5000, help: 'gradient-descent steps' },
  },
  run: async (ctx) => {
    const { x2, lambdas, range: r, resolution, starts, initStd, lr, steps } = ctx.params;
    const range = [-r, r] as const;
    const lands = landscapes(x2, lambdas);
    const bar = ctx.progress('landscapes', lands.length);
    const panels: Buffer[] = [];
    const json: JsonValue[] = [];
    const metrics: JsonValue[] = [];
    for (const land of lands) {
      const { kind, lambda } = land;
      const values = scalarGrid(kind, x2, lambda, range, resolution);
      const critical = scalarCriticalPoints(kind, x2, lambda);
      const descents = randomStarts(ctx.rng.fork(land.id), starts, initStd).map((s) => descend(land, x2, s, lr, steps, critical));
      const gradAt = (w1: number, w2: number) => norm(scalarGradient(kind, x2, lambda, w1, w2));
      const points = critical.points.map((p) => ({ w1: p.w1, w2: p.w2, type: p.type, loss: p.loss, gradNorm: gradAt(p.w1, p.w2) }));
      const curves = critical.curves.map((c) => ({
        kind: c.kind,
        product: c.product,
        type: c.type,
        loss: c.loss,
        maxGradNorm: Math.max(...hyperbola(c.product, r).flat().map((p) => gradAt(p.x, p.y))),
      }));
      const lines = [
        ...critical.curves.flatMap((c) => overlay(`global minima w2w1 = ${+c.product.toFixed(4)}`, hyperbola(c.product, r), MINIMUM_COLOR)),
        ...overlay('gradient descent', descents.map((d) => d.path), PATH_COLOR),
      ];
      const low = valueRange(values, false)[0];
      const high = low + 2 * x2; // colours resolve the basin; higher values clamp
      const png = await heatmapChart({
        title: land.title,
        xLabel: 'w1',
        yLabel: 'w2',
        values,
        rows: resolution,
        cols: resolution,
        xRange: range,
        yRange: range,
        valueRange: [low, high],
        colorBarLabel: 'loss',
        contours: [0.1, 0.25, 0.5, 1, 1.25, 1.5, 2].map((f) => +(f * x2).toPrecision(6)).filter((v) => v > low && v < high),
        markers: markers(critical, descents.map((d) => d.start)),
        overlayLines: lines,
      });
      ctx.writePng(`${land.id}.png`, png);
      panels.push(png);
      const ends = descents.map((d) => ({ start: d.start, end: d.end, endedAt: d.endedAt, gradNorm: d.gradNorm }));
      const paths = descents.map((d, i) => ({ ...ends[i]!, path: d.path.map((p) => [p.x, p.y]) }));
      json.push({ id: land.id, kind, lambda, values: Array.from(values), criticalPoints: points, curves, descents: paths });
      metrics.push({
        loss: LOSS_LABELS[kind],
        lambda: kind === 'unregularized' ? null : lambda,
        criticalPoints: points,
        curves,
        maxGradNorm: Math.max(...points.map((p) => p.gradNorm), ...curves.map((c) => c.maxGradNorm)),
        descents: ends,
      });
      bar.tick(1);
    }
    bar.done();
    ctx.writePng('landscapes.png', await combinePngs(panels, { columns: Math.min(3, panels.length), gap: 20 }));
    const axis = Array.from({ length: resolution }, (_, i) => -r + (2 * r * i) / (resolution - 1));
    ctx.writeJson('landscapes.json', { x2, range: [-r, r], resolution, axis, layout: 'values[r*resolution + c] = loss(w1 = axis[c], w2 = axis[r])', landscapes: json });
    return { x2, landscapes: metrics };
  },
});
