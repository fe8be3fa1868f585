/// <reference lib="dom" />
/**
 * One interactive landscape: a heat map of L over (w1, w2) on a <canvas> with level lines (marching
 * squares of src/charts/contours.ts, colours of src/charts/colormap.ts), the critical points and
 * curves, guide lines, and a gradient-descent path from a clicked start. Beside it: the list of
 * critical points (`#<prefix>-critical-points`, one <li> per point with data-type, data-w1, data-w2
 * and the marker's canvas position data-px, data-py) and the descent's result (`#<prefix>-gd-result`).
 */
import { colorBarRgba, drawColorBar, drawRaster, rasterRgba } from '../../charts/heatmap-canvas.js';
import { canvasOf } from '../page/heatmap.js';
import { marchingSquares } from '../../charts/contours.js';
import { arrival, fmt, gradientDescent, type CriticalSet, type DescentResult, type Landscape, type PointType } from '../../lae/theory/landscape2.js';
import type { Vec2 } from '../../lae/theory/eigen2.js';

/** Marker colours of the lae-scalar PNGs (sims/lae-scalar.ts). */
export const COLORS = { saddle: '#ffd92f', minimum: '#e41a1c', path: '#ff5fc8', maximum: '#0072B2', contour: '#1a1a1a', guide: '#555555' };

export interface Guide {
  x: number[];
  y: number[];
  color?: string;
  dashed?: boolean;
}

/** Everything one drawing needs. */
export interface PlotView {
  landscape: Landscape;
  critical: CriticalSet;
  /** The view is [−range, range]². */
  range: number;
  /**
   * Colour range from the lowest sampled value and the samples; default [lo, lo + 2(L(0, 0) − lo)],
   * which resolves everything below the origin's level, or up to the 60th percentile when L(0, 0) = lo.
   */
  colorRange?: (lo: number, values: Float64Array) => [number, number];
  /** Level-line values for a colour range (default: six levels spread over it). */
  contours?: (lo: number, hi: number) => number[];
  guides?: Guide[];
  xLabel?: string;
  yLabel?: string;
}

const SIZE = { width: 560, height: 470 };
const AREA = { left: 58, top: 12, size: 400 };
const SAMPLES = 161;

/** A small DOM builder: h('div', { class: 'x' }, child, 'text'). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

const TYPE_TEXT: Record<PointType, string> = {
  minimum: 'minimum',
  saddle: 'saddle',
  maximum: 'maximum',
  'degenerate minimum': 'degenerate minimum',
  degenerate: 'degenerate critical point',
};

export class PlotPanel {
  /** The canvas with its legend and pointer readout. */
  readonly element: HTMLElement;
  /** Gradient-descent controls and result, and the critical-point list. */
  readonly side: HTMLElement;
  readonly #prefix: string;
  readonly #canvas: HTMLCanvasElement;
  #bar: HTMLCanvasElement | undefined;
  readonly #list: HTMLUListElement;
  readonly #result: HTMLElement;
  readonly #readout: HTMLElement;
  readonly #lr: HTMLInputElement;
  readonly #steps: HTMLInputElement;
  #view: PlotView | undefined;
  #start: Vec2 | undefined;
  #descent: DescentResult | undefined;
  #colorRange: [number, number] = [0, 1];

  constructor(prefix: string, defaults: { lr: number; steps: number }) {
    this.#prefix = prefix;
    this.#canvas = h('canvas', { id: `${prefix}-canvas`, 'data-testid': `${prefix}-canvas`, class: 'landscape', title: 'click to start gradient descent here' });
    this.#list = h('ul', { id: `${prefix}-critical-points`, 'data-testid': `${prefix}-critical-points`, class: 'critical-points' });
    this.#result = h('p', { id: `${prefix}-gd-result`, 'data-testid': `${prefix}-gd-result`, class: 'gd-result', 'data-status': 'none' }, 'Click the landscape to start gradient descent there.');
    this.#readout = h('p', { id: `${prefix}-readout`, class: 'readout' }, '\u00a0');
    this.#lr = h('input', { id: `${prefix}-lr`, type: 'number', min: '0.0001', max: '1', step: '0.001', value: String(defaults.lr) });
    this.#steps = h('input', { id: `${prefix}-steps`, type: 'number', min: '1', max: '200000', step: '100', value: String(defaults.steps) });
    const clear = h('button', { type: 'button', id: `${prefix}-clear` }, 'clear path');
    clear.addEventListener('click', () => {
      this.#start = undefined;
      this.#descent = undefined;
      this.#showResult();
      this.#draw();
    });
    for (const input of [this.#lr, this.#steps]) input.addEventListener('change', () => this.#render());
    this.#canvas.addEventListener('click', (ev) => {
      const w = this.#toData(ev.offsetX, ev.offsetY);
      if (!w) return;
      this.#start = w;
      this.#render();
    });
    this.#canvas.addEventListener('mousemove', (ev) => {
      const w = this.#toData(ev.offsetX, ev.offsetY);
      this.#readout.textContent = w && this.#view ? `w1 = ${fmt(w[0])}, w2 = ${fmt(w[1])}, loss = ${fmt(this.#view.landscape.loss(w[0], w[1]))}` : '\u00a0';
    });
    const dpr = window.devicePixelRatio || 1;
    this.#canvas.width = Math.round(SIZE.width * dpr);
    this.#canvas.height = Math.round(SIZE.height * dpr);
    this.#canvas.style.width = `${SIZE.width}px`;
    this.#canvas.style.height = `${SIZE.height}px`;
    const legend = h('p', { class: 'legend' },
      h('span', { class: 'key saddle' }, '▲'), ' saddle  ',
      h('span', { class: 'key minimum' }, '★'), ' minimum  ',
      h('span', { class: 'key maximum' }, '■'), ' maximum  ',
      h('span', { class: 'key curve' }, '━'), ' curve of minima  ',
      h('span', { class: 'key path' }, '━'), ' gradient descent',
    );
    this.element = h('div', { class: 'plot' }, this.#canvas, legend, this.#readout);
    this.side = h('div', { class: 'plot-side' },
      h('h4', {}, 'Gradient descent'),
      h('div', { class: 'gd-controls' },
        h('label', { for: `${prefix}-lr` }, 'step size η '), this.#lr,
        h('label', { for: `${prefix}-steps` }, ' max steps '), this.#steps, ' ', clear),
      this.#result,
      h('h4', {}, 'Critical points'),
      this.#list,
    );
  }

  /** Starts gradient descent at w (as a click does). */
  startAt(w: Vec2): void {
    this.#start = w;
    this.#render();
  }

  update(view: PlotView): void {
    this.#view = view;
    this.#render();
  }

  #render(): void {
    const view = this.#view;
    if (!view) return;
    const lr = Number(this.#lr.value);
    const steps = Math.round(Number(this.#steps.value));
    this.#descent = this.#start && lr > 0 && steps > 0 ? gradientDescent(view.landscape, this.#start, lr, steps) : undefined;
    this.#draw();
    this.#showList();
    this.#showResult();
  }

  #toPixel(w1: number, w2: number): Vec2 {
    const r = this.#view?.range ?? 1;
    return [AREA.left + ((w1 + r) / (2 * r)) * AREA.size, AREA.top + ((r - w2) / (2 * r)) * AREA.size];
  }

  #toData(px: number, py: number): Vec2 | undefined {
    const r = this.#view?.range ?? 1;
    const u = (px - AREA.left) / AREA.size;
    const v = (py - AREA.top) / AREA.size;
    if (u < 0 || u > 1 || v < 0 || v > 1) return undefined;
    return [-r + 2 * r * u, r - 2 * r * v];
  }

  #draw(): void {
    const view = this.#view;
    if (!view) return;
    const ctx = this.#canvas.getContext('2d');
    if (!ctx) return;
    const dpr = this.#canvas.width / SIZE.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SIZE.width, SIZE.height);

    // Samples at cell centres x_c = −r + 2r·c/(n − 1), rows by w2 (contours.ts's grid layout).
    const { range: r, landscape } = view;
    const n = SAMPLES;
    const values = new Float64Array(n * n);
    let lo = Infinity;
    for (let row = 0; row < n; row++) {
      const w2 = -r + (2 * r * row) / (n - 1);
      for (let c = 0; c < n; c++) {
        const v = landscape.loss(-r + (2 * r * c) / (n - 1), w2);
        values[row * n + c] = v;
        if (v < lo) lo = v;
      }
    }
    const [cLo, cHi] = view.colorRange ? view.colorRange(lo, values) : defaultColorRange(lo, values, landscape.loss(0, 0));
    this.#colorRange = [cLo, cHi];
    const raster = canvasOf(rasterRgba(values, n, n, 'sequential', [cLo, cHi], false), n, n);
    const cell = AREA.size / (n - 1);
    const area = { left: AREA.left, right: AREA.left + AREA.size, top: AREA.top, bottom: AREA.top + AREA.size };
    drawRaster(ctx, raster, area, [area.left - cell / 2, area.right + cell / 2], [area.top - cell / 2, area.bottom + cell / 2], { cols: n, rows: n }, false);
    ctx.save();
    ctx.beginPath();
    ctx.rect(AREA.left, AREA.top, AREA.size, AREA.size);
    ctx.clip();

    const levels = (view.contours ?? defaultContours)(cLo, cHi);
    for (const level of levels) {
      for (const line of marchingSquares({ values, rows: n, cols: n, xRange: [-r, r], yRange: [-r, r] }, level)) {
        this.#polyline(ctx, line.map((p) => p.x), line.map((p) => p.y), 'rgba(255,255,255,0.75)', 3);
        this.#polyline(ctx, line.map((p) => p.x), line.map((p) => p.y), COLORS.contour, 1.1);
      }
    }
    for (const g of view.guides ?? []) this.#polyline(ctx, g.x, g.y, g.color ?? COLORS.guide, 1.3, g.dashed ?? true);
    for (const curve of view.critical.curves) {
      for (const piece of curve.pieces) this.#polyline(ctx, piece.x, piece.y, COLORS.minimum, 2.5);
    }
    const d = this.#descent;
    if (d) this.#polyline(ctx, d.path.map((p) => p[0]), d.path.map((p) => p[1]), COLORS.path, 2.5);
    ctx.restore();

    if (d && Math.abs(d.end[0]) <= r && Math.abs(d.end[1]) <= r) {
      const [ex, ey] = this.#toPixel(d.end[0], d.end[1]);
      circle(ctx, ex, ey, 3, '#ffffff');
    }
    // Minima last, so a minimum stays visible beside nearby saddles (α < 2 puts saddles next to the origin).
    const drawOrder = (t: PointType) => (t === 'maximum' ? 0 : t === 'saddle' ? 1 : 2);
    for (const p of [...view.critical.points].sort((a, b) => drawOrder(a.type) - drawOrder(b.type))) {
      const [px, py] = this.#toPixel(p.w1, p.w2);
      if (p.type === 'saddle') triangle(ctx, px, py, 8, COLORS.saddle);
      else if (p.type === 'maximum') square(ctx, px, py, 6, COLORS.maximum);
      else star(ctx, px, py, 10, p.type === 'minimum' ? COLORS.minimum : '#ffffff', COLORS.minimum);
    }
    if (this.#start && d) {
      const [sx, sy] = this.#toPixel(this.#start[0], this.#start[1]);
      circle(ctx, sx, sy, 6, COLORS.path);
    }
    this.#axes(ctx, view);
    this.#colorBar(ctx, lo, values);
  }

  #polyline(ctx: CanvasRenderingContext2D, xs: readonly number[], ys: readonly number[], color: string, width: number, dashed = false): void {
    if (xs.length < 2) return;
    ctx.beginPath();
    xs.forEach((x, i) => {
      const [px, py] = this.#toPixel(x, ys[i]!);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.setLineDash(dashed ? [6, 4] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  #axes(ctx: CanvasRenderingContext2D, view: PlotView): void {
    const r = view.range;
    ctx.strokeStyle = '#888';
    ctx.lineWidth = 1;
    ctx.strokeRect(AREA.left, AREA.top, AREA.size, AREA.size);
    ctx.fillStyle = '#222';
    ctx.font = '12px "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
    const step = r >= 2 ? 1 : r >= 1 ? 0.5 : 0.25;
    for (let t = Math.ceil(-r / step) * step; t <= r + 1e-9; t += step) {
      const v = Math.abs(t) < 1e-9 ? 0 : t;
      const [px] = this.#toPixel(v, 0);
      const [, py] = this.#toPixel(0, v);
      ctx.beginPath();
      ctx.moveTo(px, AREA.top + AREA.size);
      ctx.lineTo(px, AREA.top + AREA.size + 4);
      ctx.moveTo(AREA.left - 4, py);
      ctx.lineTo(AREA.left, py);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(String(+v.toFixed(2)), px, AREA.top + AREA.size + 6);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(+v.toFixed(2)), AREA.left - 6, py);
    }
    ctx.font = '13px "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(view.xLabel ?? 'w1', AREA.left + AREA.size / 2, AREA.top + AREA.size + 24);
    ctx.save();
    ctx.translate(14, AREA.top + AREA.size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(view.yLabel ?? 'w2', 0, 0);
    ctx.restore();
  }

  /** The shared colour bar (src/charts/heatmap-canvas.ts), with ≤ / ≥ where the colour range clamps the loss. */
  #colorBar(ctx: CanvasRenderingContext2D, dataLo: number, values: Float64Array): void {
    const [lo, hi] = this.#colorRange;
    let dataHi = -Infinity;
    for (const v of values) if (Number.isFinite(v) && v > dataHi) dataHi = v;
    this.#bar ??= canvasOf(colorBarRgba('sequential'), 1, 256);
    const area = { right: AREA.left + AREA.size, top: AREA.top, bottom: AREA.top + AREA.size };
    drawColorBar(ctx, this.#bar, area, [lo, hi], { low: dataLo < lo, high: dataHi > hi }, 'loss');
  }

  #showList(): void {
    const view = this.#view;
    if (!view) return;
    const items: HTMLLIElement[] = [];
    // Minima last, so a minimum stays visible beside nearby saddles (α < 2 puts saddles next to the origin).
    const drawOrder = (t: PointType) => (t === 'maximum' ? 0 : t === 'saddle' ? 1 : 2);
    for (const p of [...view.critical.points].sort((a, b) => drawOrder(a.type) - drawOrder(b.type))) {
      const [px, py] = this.#toPixel(p.w1, p.w2);
      const inView = Math.abs(p.w1) <= view.range && Math.abs(p.w2) <= view.range;
      items.push(h('li', {
        'data-type': p.type, 'data-source': p.source, 'data-w1': String(p.w1), 'data-w2': String(p.w2),
        'data-loss': String(p.loss), 'data-px': String(px), 'data-py': String(py), class: `cp ${p.type.replace(' ', '-')}`,
      },
      h('span', { class: 'cp-text' }, `${TYPE_TEXT[p.type]} (${fmt(p.w1)}, ${fmt(p.w2)})`),
      h('span', { class: 'cp-note' }, ` loss ${fmt(p.loss)} · ${p.source}${inView ? '' : ' · outside the view'}`)));
    }
    for (const c of view.critical.curves) {
      items.push(h('li', { 'data-type': c.type, 'data-source': c.source, 'data-curve': 'true', class: 'cp curve' },
        h('span', { class: 'cp-text' }, c.label), h('span', { class: 'cp-note' }, ` · ${c.source}`)));
    }
    if (items.length === 0) items.push(h('li', { class: 'cp none' }, 'no isolated critical points'));
    this.#list.replaceChildren(...items);
  }

  #showResult(): void {
    const d = this.#descent;
    const el = this.#result;
    if (!d || !this.#start || !this.#view) {
      el.textContent = 'Click the landscape to start gradient descent there.';
      el.dataset['status'] = 'none';
      return;
    }
    const from = `from (${fmt(this.#start[0])}, ${fmt(this.#start[1])})`;
    el.dataset['status'] = d.status;
    el.dataset['w1'] = String(d.end[0]);
    el.dataset['w2'] = String(d.end[1]);
    el.dataset['steps'] = String(d.steps);
    delete el.dataset['endType'];
    if (d.status === 'diverged') {
      el.textContent = `diverged at step ${d.steps} ${from}: lower the step size`;
      return;
    }
    const at = arrival(d.end, this.#view.critical, 1e-3);
    const where = at?.kind === 'point' ? `${TYPE_TEXT[at.point.type]} (${fmt(at.point.w1)}, ${fmt(at.point.w2)})` : at?.kind === 'curve' ? `the ${at.curve.label}` : `(${fmt(d.end[0])}, ${fmt(d.end[1])})`;
    if (at) el.dataset['endType'] = at.kind === 'point' ? at.point.type : at.curve.type;
    el.textContent = d.status === 'converged'
      ? `converged to ${where} after ${d.steps} steps ${from}`
      : `stopped after ${d.steps} steps near ${where} ${from} (‖∇L‖ = ${d.gradNorm.toExponential(1)})`;
  }

  get prefix(): string {
    return this.#prefix;
  }
}

function defaultColorRange(lo: number, values: Float64Array, atOrigin: number): [number, number] {
  if (atOrigin - lo > 1e-9 * Math.max(1, Math.abs(lo))) return [lo, lo + 2 * (atOrigin - lo)];
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const hi = finite[Math.floor(0.6 * (finite.length - 1))] ?? lo + 1;
  return [lo, hi > lo ? hi : lo + 1];
}

function defaultContours(lo: number, hi: number): number[] {
  return [0.04, 0.12, 0.25, 0.45, 0.7, 1].map((f) => lo + f * (hi - lo));
}

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r * 0.9, y + r * 0.6);
  ctx.lineTo(x - r * 0.9, y + r * 0.6);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, stroke: string): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = fill === '#ffffff' ? stroke : '#000';
  ctx.lineWidth = 1.2;
  ctx.stroke();
}

function square(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1.2;
  ctx.strokeRect(x - r, y - r, 2 * r, 2 * r);
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}
