/**
 * The two pages' HTML: results/index.html (one section per simulation: charts, summary, parameters,
 * seed, date, wall time, PNGs and files) and results/explorer.html (a shell the explorer script fills).
 * Scripts and styles come from assets/ next to the page, so both open from disk with no network.
 */
import type { Json, SummaryData } from './load.js';
import { escapeHtml, formatNumber, scriptJson, urlPath } from './format.js';
import type { SectionContent, TableSpec } from './spec.js';

/** What the index page shows of one simulation: its summary.json fields plus where its files are. */
export interface SectionInput extends Omit<SummaryData, 'simulation'> {
  name: string;
  /** Paths of the simulation's folder and files relative to the page. */
  folderHref: string;
  pngs: string[];
  content: SectionContent;
  /** Why the interactive charts are missing or partial, if they are. */
  fallback?: string;
}

export const ASSETS = {
  chartJs: 'assets/chart.umd.min.js',
  hammer: 'assets/hammer.min.js',
  zoom: 'assets/chartjs-plugin-zoom.min.js',
  report: 'assets/report.js',
  explorer: 'assets/explorer.js',
} as const;

export const STYLE = `
:root { --fg: #222; --muted: #666; --line: #ddd; --accent: #0072B2; --bg: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; color: var(--fg); background: var(--bg); }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px; }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
header.top p { margin: 2px 0; color: var(--muted); }
nav.toc { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 14px; }
a { color: var(--accent); }
main { padding: 12px 28px 40px; max-width: 1500px; }
section.sim, section.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 20px; margin: 18px 0; }
section.sim h2, section.panel h2 { margin: 0 0 4px; font-size: 19px; }
section.sim h2 code { font-size: 16px; color: var(--muted); font-weight: normal; }
.meta { color: var(--muted); font-size: 13px; margin: 2px 0 10px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 14px; }
figure.chart { margin: 0; border: 1px solid #eee; border-radius: 4px; padding: 6px; }
.chart-box { position: relative; height: 440px; }
.chart-box.tall { height: 560px; }
figure.chart figcaption { font-size: 12px; color: var(--muted); display: flex; justify-content: space-between; gap: 8px; padding: 2px 4px; }
figure.chart button { font-size: 12px; }
.chart-error, .fallback { color: #a33; font-size: 13px; }
details { margin: 10px 0; }
summary { cursor: pointer; font-weight: bold; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-scroll { max-height: 420px; overflow: auto; display: inline-block; max-width: 100%; }
.pngs { display: flex; flex-wrap: wrap; gap: 10px; }
.pngs a { display: block; width: 220px; font-size: 12px; text-decoration: none; color: var(--muted); }
.pngs img { width: 220px; height: 170px; object-fit: contain; border: 1px solid #eee; background: #fff; display: block; }
.files { font-size: 13px; }
.files a { margin-right: 10px; }
.panel-body { display: flex; flex-wrap: wrap; gap: 20px; }
.side { flex: 1 1 320px; min-width: 300px; }
.plot .legend { font-size: 12px; color: var(--muted); margin: 2px 0; }
.key.saddle { color: #e0b800; } .key.minimum, .key.curve { color: #e41a1c; } .key.maximum { color: #0072B2; } .key.path { color: #ff5fc8; }
.readout { font-size: 12px; color: var(--muted); margin: 0; font-variant-numeric: tabular-nums; }
.gd-controls { font-size: 13px; margin: 6px 0; }
.gd-controls input { width: 90px; }
.gd-result { font-weight: bold; font-size: 14px; margin: 6px 0; }
.slider { display: grid; grid-template-columns: 120px 1fr 60px; align-items: center; gap: 8px; margin: 6px 0; }
.slider output { font-variant-numeric: tabular-nums; }
.presets { margin: 4px 0 10px; }
.presets button { margin: 2px; }
ul.critical-points { margin: 4px 0; padding-left: 20px; font-size: 14px; }
.cp-note { color: var(--muted); font-size: 12px; }
.explain { background: #f5f8fb; border-left: 3px solid var(--accent); padding: 6px 10px; font-size: 14px; }
.intro { color: #444; max-width: 1100px; }
canvas.landscape { cursor: crosshair; display: block; }
.plot { border: 1px solid #eee; align-self: flex-start; }
.plot .legend, .plot .readout { padding: 0 8px; }
`;

function cell(value: Json): string {
  if (typeof value === 'number') return `<td class="num">${escapeHtml(formatNumber(value))}</td>`;
  return `<td>${escapeHtml(compact(value))}</td>`;
}

/** One-line text of a JSON value: numbers rounded, long number lists elided. */
export function compact(value: Json): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) {
      const shown = value.slice(0, 8).map((v) => formatNumber(v as number)).join(', ');
      return value.length <= 8 ? `[${shown}]` : `[${shown}, …] (${value.length} values)`;
    }
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => compact(v)).join(', ');
    const text = JSON.stringify(value);
    return text.length <= 160 ? text : `${text.slice(0, 159)}…`;
  }
  const text = Object.entries(value).map(([k, v]) => `${k}: ${compact(v)}`).join(', ');
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}

function tableHtml(header: readonly string[], rows: readonly (readonly string[])[], numeric?: readonly boolean[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric?.[i] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-scroll"><table>${head}\n${body}</table></div>`;
}

const isRecordArray = (v: Json): v is { [key: string]: Json }[] =>
  Array.isArray(v) && v.length > 0 && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r));

/**
 * Metrics as a key/value table: nested objects become dotted keys (two levels), arrays of records
 * become their own tables under the main one.
 */
export function metricsHtml(metrics: { [name: string]: Json }): string {
  const rows: string[] = [];
  const subtables: string[] = [];
  const walk = (prefix: string, value: Json, depth: number) => {
    if (isRecordArray(value)) {
      const header = [...new Set(value.flatMap((r) => Object.keys(r)))];
      const body = value.map((r) => header.map((h) => (r[h] === undefined ? '' : compact(r[h]!))));
      const numeric = header.map((h) => value.every((r) => typeof r[h] === 'number'));
      subtables.push(`<details><summary>${escapeHtml(prefix)} (${value.length} rows)</summary>${tableHtml(header, body, numeric)}</details>`);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < 2 && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v, depth + 1);
    } else {
      rows.push(`<tr><th>${escapeHtml(prefix)}</th>${cell(value)}</tr>`);
    }
  };
  for (const [k, v] of Object.entries(metrics)) walk(k, v, 0);
  const main = rows.length > 0 ? `<div class="table-scroll"><table>${rows.join('\n')}</table></div>` : '<p class="meta">(no scalar metrics)</p>';
  return main + subtables.join('\n');
}

function paramsHtml(params: { [name: string]: Json }): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return '<p class="meta">(no parameters)</p>';
  return `<div class="table-scroll"><table>${entries.map(([k, v]) => `<tr><th>--${escapeHtml(k)}</th>${cell(v)}</tr>`).join('\n')}</table></div>`;
}

function specTableHtml(t: TableSpec): string {
  const numeric = t.header.map((_, i) => t.rows.length > 0 && t.rows.every((r) => r[i] !== undefined && r[i] !== '' && !Number.isNaN(Number(r[i]))));
  return `<details open><summary>${escapeHtml(t.title)}</summary>${tableHtml(t.header, t.rows, numeric)}</details>`;
}

/** "2026-11-27 00:21:07 UTC" from an ISO time; the text itself when it does not parse. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function sectionHtml(s: SectionInput): string {
  const id = `sim-${s.name}`;
  const charts = s.content.charts.map((spec, i) => {
    const canvasId = `chart-${s.name}-${i + 1}`;
    const tall = spec.kind === 'heatmap' || (spec.kind === 'xy' && spec.equalAspect) ? ' tall' : '';
    return `<figure class="chart" data-kind="${spec.kind}">
<div class="chart-box${tall}"><canvas id="${canvasId}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>
<figcaption><span>drag to zoom · shift-drag to pan · double-click to reset</span><button type="button" data-reset="${canvasId}">reset zoom</button></figcaption>
<script type="application/json" data-chart="${canvasId}">${scriptJson(spec)}</script>
</figure>`;
  });
  const href = (f: string) => `${s.folderHref}/${urlPath(f)}`;
  const pngs = s.pngs.map((f) => `<a href="${href(f)}"><img src="${href(f)}" alt="${escapeHtml(f)}" loading="lazy">${escapeHtml(f)}</a>`).join('\n');
  const files = [...s.files, 'summary.json'].map((f) => `<a href="${href(f)}">${escapeHtml(f)}</a>`).join(' ');
  const versions = Object.entries(s.versions).map(([k, v]) => `${k} ${v}`).join(', ');
  const notes = [...(s.fallback ? [s.fallback] : []), ...s.content.notes].map((n) => `<p class="fallback">${escapeHtml(n)}</p>`).join('\n');
  return `<section class="sim" id="${id}" data-sim="${escapeHtml(s.name)}" data-charts="${s.content.charts.length}">
<h2>${escapeHtml(s.title)} <code>${escapeHtml(s.name)}</code></h2>
<p class="meta">${s.sweep ? `sweep of ${s.sweep.runs} runs over seeds ${s.sweep.seeds.map(String).join(', ')}` : `seed ${s.seed}`} · ${s.full ? 'full (paper) settings' : 'quick settings'} · started ${escapeHtml(formatDate(s.startedAt))} · wall time ${escapeHtml(formatNumber(s.wallTimeSeconds))} s · ${escapeHtml(versions)}</p>
${notes}
${charts.length > 0 ? `<div class="charts">\n${charts.join('\n')}\n</div>` : ''}
${s.content.tables.map(specTableHtml).join('\n')}
<details open><summary>Summary (metrics)</summary>${metricsHtml(s.metrics)}</details>
<details><summary>Parameters</summary>${paramsHtml(s.params)}</details>
${pngs ? `<details${charts.length === 0 ? ' open' : ''}><summary>PNG charts (${s.pngs.length})</summary><div class="pngs">${pngs}</div></details>` : ''}
<p class="files">Files: ${files}</p>
</section>`;
}

function page(title: string, body: string, scripts: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
${body}
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</body>
</html>
`;
}

export function indexHtml(sections: readonly SectionInput[], broken: readonly { name: string; reason: string }[], resultsLabel: string): string {
  const toc = sections.map((s) => `<a href="#sim-${escapeHtml(s.name)}">${escapeHtml(s.name)}</a>`).join('\n');
  const brokenHtml = broken.length === 0 ? '' : `<section class="sim" id="broken"><h2>Folders that could not be read</h2><ul>${broken.map((b) => `<li><code>${escapeHtml(b.name)}</code>: ${escapeHtml(b.reason)}</li>`).join('')}</ul></section>`;
  const empty = sections.length === 0 ? `<section class="sim" id="empty"><h2>No results yet</h2><p>Run <code>npm run sims</code> to fill <code>${escapeHtml(resultsLabel)}</code>.</p></section>` : '';
  const body = `<header class="top">
<h1>laelab results</h1>
<p>Loss Landscapes of Regularized Linear Autoencoders (Kunin et al., ICML 2019): ${sections.length} simulation${sections.length === 1 ? '' : 's'} from <code>${escapeHtml(resultsLabel)}</code>. Interactive landscapes: <a href="explorer.html">landscape explorer</a>.</p>
<nav class="toc">${toc}</nav>
</header>
<main>
${empty}${sections.map(sectionHtml).join('\n')}
${brokenHtml}
</main>`;
  return page('laelab results', body, [ASSETS.chartJs, ASSETS.hammer, ASSETS.zoom, ASSETS.report]);
}

export function explorerHtml(): string {
  const body = `<header class="top">
<h1>laelab landscape explorer</h1>
<p>The loss landscapes of §2.1 and their neighbours, computed in this page. Drag the sliders; click a landscape to run gradient descent from that point. <a href="index.html">Simulation results</a>.</p>
</header>
<main id="explorer"><noscript>The explorer needs JavaScript.</noscript></main>`;
  return page('laelab landscape explorer', body, [ASSETS.explorer]);
}
