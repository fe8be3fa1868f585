import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulations } from '../../sims/registry.js';
import { escapeHtml, scriptJson } from '../../src/report/format.js';
import { genericFromJson } from '../../src/report/charts/generic.js';
import { compact, metricsHtml } from '../../src/report/html.js';
import { generateReport, loadResults, sectionContent, SECTION_BUILDERS, type ChartSpec } from '../../src/report/index.js';
import { runCli } from '../../src/sim/index.js';

const quiet = { write: () => true };
const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'laelab-report-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function summary(name: string, files: string[], extra: Record<string, unknown> = {}) {
  return {
    simulation: name, title: `Title of ${name}`, seed: 3, full: false, params: { steps: 10 }, metrics: { final: 0.5 },
    versions: { node: 'v20', laelab: '0.1.0' }, startedAt: '2026-01-02T03:04:05.000Z', wallTimeSeconds: 1.25, files, ...extra,
  };
}

function writeSim(root: string, name: string, files: Record<string, unknown>, listed = Object.keys(files)): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, v] of Object.entries(files)) writeFileSync(join(dir, f), typeof v === 'string' ? v : JSON.stringify(v));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary(name, listed)));
}

describe('loadResults', () => {
  it('reads every folder with a summary, reports broken ones and missing files, in the given order', () => {
    const root = temp();
    writeSim(root, 'zeta', { 'a.json': { step: [1, 2], loss: [3, 4] } });
    writeSim(root, 'alpha', { 'b.json': { x: 1 } }, ['b.json', 'gone.png']);
    mkdirSync(join(root, 'bench'));
    writeFileSync(join(root, 'bench', 'gemm.json'), '{}');
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'summary.json'), '{"simulation": 3}');
    const { sims, broken } = loadResults(root, ['zeta']);
    expect(sims.map((s) => s.name)).toEqual(['zeta', 'alpha']);
    expect(sims[0]!.json.get('a.json')).toEqual({ step: [1, 2], loss: [3, 4] });
    expect(sims[1]!.problems).toEqual(['gone.png is listed in summary.json but missing']);
    expect(broken).toEqual([{ name: 'broken', reason: expect.stringContaining('simulation') }]);
    expect(loadResults(join(root, 'nowhere')).sims).toEqual([]);
  });
});

describe('generic charts for simulations without a builder', () => {
  it('reads series, heat maps and tables from the shape of the JSON', () => {
    const series = genericFromJson('h.json', { step: [1, 2, 3], error: { gd: [1, 1e-3, 1e-6], exact: [2, 1e-2, 1e-8] } });
    expect(series.charts).toHaveLength(1);
    const chart = series.charts[0] as Extract<ChartSpec, { kind: 'xy' }>;
    expect(chart.xLabel).toBe('step');
    expect(chart.yLog).toBe(true);
    expect(chart.series.map((s) => s.label)).toEqual(['error.gd', 'error.exact']);
    const map = genericFromJson('m.json', { rows: 2, cols: 2, values: [1, -1, 0.5, 0] });
    expect(map.charts[0]).toMatchObject({ kind: 'heatmap', colorScale: 'diverging', valueRange: [-1, 1] });
    const runs = genericFromJson('r.json', [{ label: 'a', iteration: [0, 1, 2], error: [3, 2, 1] }, { label: 'b', iteration: [0, 1], error: [5, 4] }]);
    expect(runs.charts.map((c) => c.title)).toEqual(['r.json: error']);
    const cloud = genericFromJson('e.json', { indices: [4, 9, 2, 7], labels: [1, 0, 1, 0], pca: [[0, 1], [2, 3], [4, 5], [6, 7]] });
    expect(cloud.charts).toHaveLength(1);
    expect(cloud.charts[0]).toMatchObject({ kind: 'xy', title: 'e.json: pca', series: [{ label: 'label 0', x: [2, 6], line: false }, { label: 'label 1', x: [0, 4] }] });
    const unsorted = genericFromJson('u.json', { x: [3, 1, 2], y: [1, 2, 3] }).charts[0] as Extract<ChartSpec, { kind: 'xy' }>;
    expect(unsorted.series[0]).toMatchObject({ line: false, x: [3, 1, 2] });
    const table = genericFromJson('t.json', { rows: [{ a: 1, b: 'x' }, { a: 2.5, c: [1, 2] }] });
    expect(table.tables[0]).toEqual({ title: 't.json: rows', header: ['a', 'b', 'c'], rows: [['1', 'x', ''], ['2.5', '', '[1,2]']] });
  });

  it('falls back with a note when a known simulation’s JSON has another shape', () => {
    const root = temp();
    writeSim(root, 'lae-transpose', { 'transpose-distance.json': { step: [1, 2], loss: [1, 0.5] } });
    const { sims } = loadResults(root);
    const { content, fallback } = sectionContent(sims[0]!);
    expect(fallback).toMatch(/could not be built.*distance: expected an object/);
    expect(content.charts).toHaveLength(1); // the generic reading of the same file
  });
});

describe('page text', () => {
  it('escapes HTML and keeps embedded JSON inside its script tag', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    const text = scriptJson({ title: '</script><script>alert(1)</script>', v: 0.123456789123 });
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ title: '</script><script>alert(1)</script>', v: 0.1234568 });
  });

  it('shows metrics as a table, records as sub-tables', () => {
    expect(compact([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('[1, 2, 3, 4, 5, 6, 7, 8, …] (10 values)');
    const html = metricsHtml({ final: { sum: 2e-7, product: 0.46 }, rows: [{ a: 1 }, { a: 2 }], ok: true });
    expect(html).toContain('<th>final.sum</th><td class="num">2.000e-7</td>');
    expect(html).toContain('rows (2 rows)');
  });
});

/** Quick runs of every simulation the report has a builder for, at tiny sizes. */
const QUICK: Record<string, string[]> = {
  'lae-scalar': ['--resolution', '21', '--steps', '100', '--starts', '2'],
  'lae-transpose': ['--steps', '30'],
  'lae-heatmap': ['--steps', '30'],
  'lae-shrinkage': ['--steps', '30', '--lambdas', '49,1'],
  'lae-circle': ['--steps', '30'],
  'lae-curvature': ['--lambdas', '2'],
  grassmannian: [],
  'alignment-mnist': ['--rules', 'backprop,fa', '--seeds', '2', '--train', '300', '--test', '100', '--epochs', '2', '--hidden', '16', '--workers', '1'],
  'alignment-conv': ['--rules', 'backprop,fa', '--archs', 'lenet', '--seeds', '2', '--train', '200', '--test', '100', '--epochs', '1', '--workers', '1'],
};

describe('the report on real simulation output', () => {
  let resultsDir = '';
  let pagesDir = '';
  let report: Awaited<ReturnType<typeof generateReport>>;

  beforeAll(async () => {
    resultsDir = temp();
    pagesDir = join(temp(), 'pages');
    for (const [name, args] of Object.entries(QUICK)) {
      const code = await runCli([name, ...args, '--out', resultsDir], { simulations, stdout: quiet, stderr: quiet });
      expect(code, `${name} failed`).toBe(0);
    }
    report = await generateReport({ resultsDir, outDir: pagesDir, order: simulations.map((s) => s.name) });
  }, 120_000);

  it('has a builder for every simulation it runs here, and each builds without falling back', () => {
    expect(Object.keys(SECTION_BUILDERS).sort()).toEqual(Object.keys(QUICK).sort());
    expect(report.sections.map((s) => s.name)).toEqual(simulations.map((s) => s.name).filter((n) => n in QUICK));
    for (const s of report.sections) {
      expect(s.fallback, s.name).toBeUndefined();
      expect(s.charts, s.name).toBeGreaterThan(0);
    }
  });

  it('draws the network comparisons over seeds as mean lines inside ±1 std bands, with the table', () => {
    const { sims } = loadResults(resultsDir);
    for (const name of ['alignment-mnist', 'alignment-conv']) {
      const content = SECTION_BUILDERS[name]!(sims.find((s) => s.name === name)!);
      const xy = content.charts.filter((c) => c.kind === 'xy');
      expect(xy.map((c) => c.title).join('; '), name).toMatch(/test accuracy vs epoch.*weight angle.*signal angle/);
      let width = 0;
      for (const c of xy) {
        expect(c.series.map((x) => x.label).sort(), c.title).toEqual(['Backprop (BP)', 'Feedback alignment (FA)']);
        for (const line of c.series) {
          const band = line.band!;
          line.y.forEach((y, j) => {
            expect(band.lower[j]!).toBeLessThanOrEqual(y);
            expect(band.upper[j]!).toBeGreaterThanOrEqual(y);
            width = Math.max(width, band.upper[j]! - band.lower[j]!);
          });
        }
      }
      expect(width, `${name}: two seeds give some spread`).toBeGreaterThan(0);
      expect(content.tables[0]!.rows.map((r) => r[0])).toEqual(['Backprop (BP)', 'Feedback alignment (FA)']);
      expect(content.tables[0]!.rows[1]![1]).toMatch(/^\d+\.\d\d ± \d+\.\d\d$/);
    }
  });

  it('a run kept under another folder name (results/alignment-mnist-full) gets its simulation’s builder', () => {
    const other = temp();
    cpSync(join(resultsDir, 'alignment-mnist'), join(other, 'alignment-mnist-full'), { recursive: true });
    const sim = loadResults(other).sims[0]!;
    expect(sim.name).toBe('alignment-mnist-full');
    const { content, fallback } = sectionContent(sim);
    expect(fallback).toBeUndefined();
    expect(content.charts[0]!.title).toBe('test accuracy vs epoch');
  });

  it('writes index.html with one section and one parsable chart spec per chart, links that resolve', () => {
    const html = readFileSync(report.index, 'utf8');
    for (const s of report.sections) expect(html).toContain(`id="sim-${s.name}"`);
    const specs = [...html.matchAll(/<script type="application\/json" data-chart="([^"]+)">(.*?)<\/script>/gs)];
    expect(specs).toHaveLength(report.sections.reduce((n, s) => n + s.charts, 0));
    for (const [, id, text] of specs) {
      expect(html).toContain(`<canvas id="${id}"`);
      expect(['xy', 'heatmap']).toContain((JSON.parse(text!) as ChartSpec).kind);
    }
    const links = [...html.matchAll(/(?:src|href)="([^"#:]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(existsSync(resolve(dirname(report.index), link)), link).toBe(true);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3)/);
  });

  it('copies Chart.js and the zoom plugin and bundles both pages’ scripts for the browser', () => {
    const names = report.assets.map((a) => a.slice(a.lastIndexOf('/') + 1)).sort();
    expect(names).toEqual(['chart.umd.min.js', 'chartjs-plugin-zoom.min.js', 'explorer.js', 'hammer.min.js', 'report.js']);
    expect(readFileSync(join(pagesDir, 'assets', 'chart.umd.min.js'), 'utf8')).toMatch(/Chart\.js v4/);
    for (const script of ['report.js', 'explorer.js']) {
      const code = readFileSync(join(pagesDir, 'assets', script), 'utf8');
      expect(code).not.toMatch(/require\(|worker_threads|process\.env|node:/);
    }
    expect(readFileSync(report.explorer, 'utf8')).toContain('<script src="assets/explorer.js"></script>');
  });
});
