/**
 * The network comparisons (alignment-mnist; alignment-conv, one `<arch>-series.json` per
 * architecture): test accuracy per epoch and the weight and signal angles per layer, one line per
 * rule in the PNGs' colours, with the ±1 std band over seeds; and the final table.
 */
import type { Json } from '../load.js';
import type { TableSpec, XyChartSpec, XySeries } from '../spec.js';
import { filesMatching, needArray, needNumber, needNumbers, needObject, needString, ShapeMismatch, type JsonObject, type SectionBuilder } from './util.js';

/** An array of numbers or nulls (null: not defined, e.g. DFA's lower weight angles). */
function numbersOrNull(v: Json | undefined, what: string): (number | null)[] {
  if (!Array.isArray(v) || !v.every((x) => x === null || typeof x === 'number')) throw new ShapeMismatch(`${what}: expected an array of numbers or nulls`);
  return v as (number | null)[];
}

/** One rule's line over x, with a band when there are std values; undefined when no value is defined. */
function line(rule: JsonObject, x: number[], y: (number | null)[], sd: (number | null)[] | undefined, seeds: number, scale = 1): XySeries | undefined {
  const keep = y.flatMap((v, j) => (v === null ? [] : [{ x: x[j]!, y: scale * v, sd: scale * (sd?.[j] ?? 0) }]));
  if (keep.length === 0) return undefined;
  const band = seeds > 1 && sd ? { band: { lower: keep.map((p) => p.y - p.sd), upper: keep.map((p) => p.y + p.sd) } } : {};
  return { label: needString(rule['label'], 'label'), color: needString(rule['color'], 'color'), x: keep.map((p) => p.x), y: keep.map((p) => p.y), pointRadius: 2, ...band };
}

const at = (lists: Json | undefined, l: number, what: string): (number | null)[] | undefined =>
  lists === undefined ? undefined : numbersOrNull(needArray(lists, what)[l], `${what}[${l}]`);

function charts(file: string, data: Json, arch: string): XyChartSpec[] {
  const s = needObject(data, file);
  const seeds = needNumber(s['seeds'], `${file} seeds`);
  const rules = needArray(s['rules'], `${file} rules`).map((r, i) => needObject(r, `${file} rules[${i}]`));
  const note = seeds > 1 ? `mean ± 1 std over ${seeds} seeds (band)` : 'one seed';
  const of = arch ? `${arch}: ` : '';
  const out: XyChartSpec[] = [];
  const series = (pick: (r: JsonObject) => XySeries | undefined) => rules.flatMap((r) => pick(r) ?? []);
  out.push({
    kind: 'xy', title: `${of}test accuracy vs epoch`, subtitle: note, xLabel: 'epoch', yLabel: 'test accuracy (%)',
    series: series((r) => line(r, needNumbers(r['epochs'], 'epochs').slice(1), numbersOrNull(r['testAccuracy'], 'testAccuracy').slice(1), r['testAccuracyStd'] === undefined ? undefined : numbersOrNull(r['testAccuracyStd'], 'testAccuracyStd').slice(1), seeds, 100)),
  });
  const layers = needArray(rules[0]?.['weightAngles'], 'weightAngles').length;
  for (const [key, label, count] of [['weightAngles', (l: number) => `weight angle ∠(W${l + 1}ᵀ, B${l + 1})`, layers], ['signalAngles', (l: number) => `signal angle, hidden layer ${l + 1}`, layers - 1]] as const) {
    for (let l = 0; l < count; l++) {
      const lines = series((r) => line(r, needNumbers(r['angleEpochs'], 'angleEpochs'), at(r[key], l, key)!, at(r[`${key}Std`], l, `${key}Std`), seeds));
      if (lines.length) out.push({ kind: 'xy', title: `${of}${label(l)}`, subtitle: note, xLabel: 'epoch', yLabel: 'angle (degrees)', series: lines });
    }
  }
  return out;
}

function table(file: string, data: Json, arch: string): TableSpec {
  const rows = needArray(data, file).map((r, i) => needObject(r, `${file}[${i}]`));
  const pm = (m: Json | undefined, sd: Json | undefined, digits: number) => (m === null || m === undefined ? '—' : `${(m as number).toFixed(digits)}${typeof sd === 'number' ? ` ± ${sd.toFixed(digits)}` : ''}`);
  const list = (means: Json | undefined, sds: Json | undefined) => numbersOrNull(means, 'angles').map((m, l) => pm(m, sds === undefined ? undefined : numbersOrNull(sds, 'std')[l], 1)).join(' / ');
  return {
    title: `${arch ? `${arch}: ` : ''}final test accuracy and angles (mean ± std over seeds)`,
    header: ['rule', 'test accuracy %', 'weight ∠ (°) per layer', 'signal ∠ (°) per hidden layer'],
    rows: rows.map((r) => [needString(r['label'], 'label'), pm(r['testAccuracyMean'], r['testAccuracyStd'], 2), list(r['weightAngles'], r['weightAnglesStd']), list(r['signalAngles'], r['signalAnglesStd'])]),
  };
}

export const alignmentComparison: SectionBuilder = (sim) => {
  const found = filesMatching(sim, /^(?:(.+)-)?series\.json$/);
  if (found.length === 0) throw new ShapeMismatch('no series.json');
  const tables = filesMatching(sim, /^(?:(.+)-)?table\.json$/);
  return {
    charts: found.flatMap((f) => charts(f.file, f.data, f.key === f.file ? '' : f.key)),
    tables: tables.map((t) => table(t.file, t.data, t.key === t.file ? '' : t.key)),
    notes: [],
  };
};
