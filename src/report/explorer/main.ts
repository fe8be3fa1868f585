/// <reference lib="dom" />
/**
 * Browser entry of results/explorer.html (bundled by src/report/bundle.ts with esbuild: iife,
 * platform browser, es2020). Three panels: the scalar landscapes of Fig. 1 with sliders for x², λ
 * and the exponent α; the tied vector case m = 2, k = 1; the weight-alignment loss with presets.
 * All math runs here, bundled from src/lae/theory/ (scalar-alpha.ts, tied.ts, alignment-landscape.ts,
 * landscape2.ts; scalar.ts for the paper's closed forms): the page has no math of its own.
 */
import type { LossKind } from '../../lae/losses.js';
import { ALIGNMENT_PRESETS, alignmentCritical, alignmentLandscape, type AlignmentSettings } from '../../lae/theory/alignment-landscape.js';
import { fmt } from '../../lae/theory/landscape2.js';
import { scalarCritical, scalarLandscape, usesTheory, type ScalarSettings } from '../../lae/theory/scalar-alpha.js';
import { tiedCovariance, tiedCritical, tiedLandscape } from '../../lae/theory/tied.js';
import { h, PlotPanel } from './plot.js';

interface Slider {
  input: HTMLInputElement;
  value(): number;
  set(v: number): void;
}

/** A labelled range input with its value shown; `onInput` runs on every move. */
function slider(id: string, label: string, min: number, max: number, step: number, value: number, onInput: () => void): { row: HTMLElement; slider: Slider } {
  const input = h('input', { id, 'data-testid': id, type: 'range', min: String(min), max: String(max), step: String(step), value: String(value) });
  const out = h('output', { for: id, id: `${id}-value` }, String(value));
  const read = () => {
    const v = Number(input.value);
    return Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : v;
  };
  input.addEventListener('input', () => {
    out.textContent = String(read());
    onInput();
  });
  return {
    row: h('div', { class: 'slider' }, h('label', { for: id }, label), input, out),
    slider: {
      input,
      value: read,
      set: (v) => {
        input.value = String(v);
        out.textContent = String(read());
      },
    },
  };
}

function section(id: string, title: string, intro: string): { el: HTMLElement; controls: HTMLElement; text: HTMLElement; plotSlot: HTMLElement; side: HTMLElement } {
  const controls = h('div', { class: 'controls' });
  const text = h('p', { class: 'explain', id: `${id}-explain` });
  const plotSlot = h('div', { class: 'plot-slot' });
  const side = h('div', { class: 'side' }, controls, text);
  const el = h('section', { id, class: 'panel' }, h('h2', {}, title), h('p', { class: 'intro' }, intro), h('div', { class: 'panel-body' }, plotSlot, side));
  return { el, controls, text, plotSlot, side };
}

// ---- scalar landscapes -----------------------------------------------------------------------

const LEVELS = [0.1, 0.25, 0.5, 1, 1.25, 1.5, 2];

function scalarPanel(): HTMLElement {
  const s = section('scalar', 'Scalar landscapes (Fig. 1, §2.1)',
    'The linear autoencoder with n = m = k = 1: one data point x, encoder w1, decoder w2. L = x²(1 − w2w1)²; ' +
    'Lπ = L + λ|w2w1|^α; Lσ = L + λ(|w1|^α + |w2|^α). α = 2 is the paper\'s L2 regularizer, drawn with the closed forms of ' +
    'src/lae/theory/scalar.ts; for other α the critical points are found numerically. Move λ across x² to watch the sum loss\'s origin turn from a saddle into the minimum.');
  const plot = new PlotPanel('scalar', { lr: 0.01, steps: 20000 });
  s.plotSlot.append(plot.element);
  s.side.append(plot.side);
  const kind = h('select', { id: 'scalar-loss', 'data-testid': 'scalar-loss' },
    h('option', { value: 'unregularized' }, 'L (unregularized)'), h('option', { value: 'product' }, 'Lπ (product)'), h('option', { value: 'sum' }, 'Lσ (sum)'));
  kind.value = 'sum';
  const redraw = () => {
    const settings: ScalarSettings = { kind: kind.value as LossKind, x2: x2.slider.value(), lambda: lambda.slider.value(), alpha: alpha.slider.value() };
    const range = 2.5;
    plot.update({
      landscape: scalarLandscape(settings),
      critical: scalarCritical(settings, range),
      range,
      // As the lae-scalar PNGs: colours over [lowest, lowest + 2x²], level lines at fractions of x².
      colorRange: (lo) => [lo, lo + 2 * settings.x2],
      contours: (lo, hi) => LEVELS.map((f) => f * settings.x2).filter((v) => v > lo && v < hi),
      guides: [],
    });
    s.text.textContent = scalarExplanation(settings);
  };
  const x2 = slider('scalar-x2', 'x²', 0.5, 8, 0.1, 4, redraw);
  const lambda = slider('scalar-lambda', 'λ', 0, 10, 0.05, 1, redraw);
  const alpha = slider('scalar-alpha', 'α', 1.2, 4, 0.05, 2, redraw);
  kind.addEventListener('change', redraw);
  s.controls.append(h('div', { class: 'slider' }, h('label', { for: 'scalar-loss' }, 'loss'), kind), x2.row, lambda.row, alpha.row);
  redraw();
  return s.el;
}

function scalarExplanation(s: ScalarSettings): string {
  const { x2, lambda } = s;
  const theory = usesTheory(s);
  if (s.kind === 'unregularized' || lambda === 0) return `L: the origin is a saddle and every point of the hyperbola w2w1 = 1 is a global minimum${s.kind !== 'unregularized' ? ' (λ = 0: Lπ = Lσ = L)' : ''}.`;
  if (!theory) return `α = ${s.alpha} ≠ 2: no closed form in the paper; the critical points listed are numerical (${s.kind === 'product' ? 'the minima hyperbola w2w1 = p* with f′(p*) = 0' : 'on the diagonal w1 = w2 = ±t with 2x²(1 − t²) = λα t^(α−2)'}).`;
  if (s.kind === 'product') return `Lπ: minima on the hyperbola w2w1 = (1 + λ/x²)⁻¹ = ${fmt(1 / (1 + lambda / x2))}; the origin is a saddle. Without the sum regularizer nothing ties w1 to w2.`;
  if (lambda < x2) return `Lσ with λ = ${lambda} < x² = ${x2}: the origin is a saddle; the minima w1 = w2 = ±√(1 − λ/x²) = ±${fmt(Math.sqrt(1 - lambda / x2))} lie on the diagonal (Transpose Theorem).`;
  return `Lσ with λ = ${lambda} ≥ x² = ${x2}: the regularizer wins; the origin is the only critical point and the global minimum${lambda === x2 ? ' (degenerate at λ = x²)' : ''}.`;
}

// ---- tied vector case --------------------------------------------------------------------------

function tiedPanel(): HTMLElement {
  const s = section('tied', 'Tied vector case (m = 2, k = 1)',
    'Lσ with W1 = wᵀ, W2 = w for w ∈ R² on data with covariance XXᵀ = σ1²u1u1ᵀ + σ2²u2u2ᵀ: ‖X − wwᵀX‖²_F + 2λ‖w‖². ' +
    'Theorem 4.2: the critical points are 0 and ±√(1 − λ/σi²)·ui for every σi² > λ — minima along the top principal direction, saddles along the second.');
  const plot = new PlotPanel('tied', { lr: 0.02, steps: 20000 });
  s.plotSlot.append(plot.element);
  s.side.append(plot.side);
  const redraw = () => {
    const settings = { sigma1sq: s1.slider.value(), sigma2sq: s2.slider.value(), angleDeg: angle.slider.value(), lambda: lambda.slider.value() };
    const range = 2;
    const { u1, u2 } = tiedCovariance(settings);
    const axis = (u: readonly [number, number]) => ({ x: [-3 * u[0], 3 * u[0]], y: [-3 * u[1], 3 * u[1]], dashed: true });
    plot.update({
      landscape: tiedLandscape(settings),
      critical: tiedCritical(settings),
      range,
      guides: [axis(u1), axis(u2)],
      xLabel: 'w₁ (first coordinate of w)',
      yLabel: 'w₂ (second coordinate of w)',
    });
    const active = [settings.sigma1sq, settings.sigma2sq].filter((v) => v > settings.lambda).length;
    s.text.textContent = `Dashed: the principal directions u1 (angle ${settings.angleDeg}°) and u2. ${active} of 2 directions have σi² > λ = ${settings.lambda}` +
      (active === 0 ? ': the origin is the only critical point, a minimum.' : '.');
  };
  const s1 = slider('tied-s1', 'σ1²', 0.1, 8, 0.1, 4, redraw);
  const s2 = slider('tied-s2', 'σ2²', 0.1, 8, 0.1, 2, redraw);
  const angle = slider('tied-angle', 'angle of u1 (°)', 0, 180, 1, 30, redraw);
  const lambda = slider('tied-lambda', 'λ', 0, 10, 0.05, 1, redraw);
  s.controls.append(s1.row, s2.row, angle.row, lambda.row);
  redraw();
  return s.el;
}

// ---- weight alignment ----------------------------------------------------------------------------

function alignmentPanel(): HTMLElement {
  const s = section('align', 'Weight alignment',
    'A forward weight w1 and a backward weight w2 on one data pair (x, y): λ_pred(y − w1x)² + λ_info(x − w2w1x)² + λ_reg(w1² + w2²) − 2λ_self·w1w2. ' +
    'Backprop, information alignment and symmetric alignment are choices of the λ\'s; the dashed diagonal is w2 = w1 (the backward weight equals the forward one).');
  const plot = new PlotPanel('align', { lr: 0.02, steps: 20000 });
  s.plotSlot.append(plot.element);
  s.side.append(plot.side);
  const redraw = () => {
    const settings: AlignmentSettings = { x: x.slider.value(), y: y.slider.value(), pred: pred.slider.value(), info: info.slider.value(), reg: reg.slider.value(), self: self.slider.value() };
    const range = 2.5;
    plot.update({
      landscape: alignmentLandscape(settings),
      critical: alignmentCritical(settings, range),
      range,
      guides: [{ x: [-range, range], y: [-range, range], dashed: true }],
      xLabel: 'w1 (forward weight)',
      yLabel: 'w2 (backward weight)',
    });
    const lhs = settings.info * (settings.x * settings.x - settings.y * settings.y);
    const rhs = settings.reg - settings.self;
    s.text.textContent = `A critical point on the diagonal needs w1 = w2 = y/x and λ_info(x² − y²) = λ_reg − λ_self: here ${fmt(lhs)} ${Math.abs(lhs - rhs) < 1e-9 ? '=' : '≠'} ${fmt(rhs)}.`;
  };
  const x = slider('align-x', 'x', 0.25, 2, 0.05, 1, redraw);
  const y = slider('align-y', 'y', 0.25, 2, 0.05, 1, redraw);
  const pred = slider('align-pred', 'λ_pred', 0, 2, 0.05, 1, redraw);
  const info = slider('align-info', 'λ_info', 0, 2, 0.05, 1, redraw);
  const reg = slider('align-reg', 'λ_reg', 0, 2, 0.05, 0, redraw);
  const self = slider('align-self', 'λ_self', 0, 2, 0.05, 0, redraw);
  const presets = h('div', { class: 'presets' }, 'presets: ');
  const names: Record<keyof typeof ALIGNMENT_PRESETS, string> = { backprop: 'backprop', information: 'information alignment', symmetric: 'symmetric alignment' };
  for (const key of Object.keys(ALIGNMENT_PRESETS) as (keyof typeof ALIGNMENT_PRESETS)[]) {
    const button = h('button', { type: 'button', id: `align-preset-${key}`, 'data-testid': `align-preset-${key}` }, names[key]);
    button.addEventListener('click', () => {
      const p = ALIGNMENT_PRESETS[key];
      x.slider.set(p.x);
      y.slider.set(p.y);
      pred.slider.set(p.pred);
      info.slider.set(p.info);
      reg.slider.set(p.reg);
      self.slider.set(p.self);
      redraw();
    });
    presets.append(button, ' ');
  }
  s.controls.append(presets, x.row, y.row, pred.row, info.row, reg.row, self.row);
  redraw();
  return s.el;
}

function main(): void {
  const root = document.getElementById('explorer');
  if (!root) throw new Error('explorer.html has no #explorer element');
  root.replaceChildren(scalarPanel(), tiedPanel(), alignmentPanel());
  document.body.dataset['ready'] = 'true';
}

main();
