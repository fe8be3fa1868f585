/// <reference lib="dom" />
/**
 * End-to-end: the results page and the landscape explorer in headless Chromium (Debian's package,
 * driven by playwright-core), opened from disk with every non-file request blocked and recorded.
 * Screenshots go to .vitest-output/screenshots/. Without /usr/bin/chromium the suite is skipped with
 * a message, except in CI (CI=true), where it fails: .ci/setup installs Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulations } from '../../sims/registry.js';
import { CHROMIUM_PATH, chromiumAvailable, explorerPixel, launchChromium } from '../../src/report/browser.js';
import { generateReport, loadResults } from '../../src/report/index.js';
import { runCli } from '../../src/sim/index.js';

const SHOTS = resolve('.vitest-output', 'screenshots');
const inCi = process.env['CI'] === 'true';
const haveChromium = chromiumAvailable();
if (!haveChromium && !inCi) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (bash .ci/setup installs Debian's chromium)`);

/** A page that records console errors, uncaught exceptions, failed loads and any request off disk. */
async function openPage(browser: Browser, url: string, problems: string[], viewport = { width: 1360, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    problems.push(`network request: ${u}`);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return page;
}

/** Colour at a CSS-pixel position of a canvas. */
async function pixel(page: Page, canvasId: string, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(({ id, x, y }) => {
    const c = document.getElementById(id) as HTMLCanvasElement;
    const s = c.width / c.clientWidth;
    const d = c.getContext('2d')!.getImageData(Math.round(x * s), Math.round(y * s), 1, 1).data;
    return [d[0]!, d[1]!, d[2]!] as [number, number, number];
  }, { id: canvasId, x, y });
}

interface ListedPoint {
  type: string;
  w1: number;
  w2: number;
  px: number;
  py: number;
}

async function criticalPoints(page: Page, prefix: string): Promise<ListedPoint[]> {
  return page.$$eval(`#${prefix}-critical-points li[data-type]:not([data-curve])`, (lis) =>
    lis.map((li) => ({
      type: li.getAttribute('data-type')!, w1: Number(li.getAttribute('data-w1')), w2: Number(li.getAttribute('data-w2')),
      px: Number(li.getAttribute('data-px')), py: Number(li.getAttribute('data-py')),
    })),
  );
}

describe.skipIf(!haveChromium && !inCi)('pages in headless Chromium', () => {
  const temps: string[] = [];
  let browser: Browser;
  let pagesDir = '';
  let expectedSections: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The committed results (or LAELAB_RESULTS) when there are any, else one quick simulation.
    let resultsDir = resolve(process.env['LAELAB_RESULTS'] ?? 'results');
    if (loadResults(resultsDir).sims.length === 0) {
      resultsDir = mkdtempSync(join(tmpdir(), 'laelab-results-'));
      temps.push(resultsDir);
      const quiet = { write: () => true };
      const code = await runCli(['lae-transpose', '--steps', '200', '--out', resultsDir], { simulations, stdout: quiet, stderr: quiet });
      expect(code).toBe(0);
    }
    pagesDir = mkdtempSync(join(tmpdir(), 'laelab-pages-'));
    temps.push(pagesDir);
    const report = await generateReport({ resultsDir, outDir: pagesDir, order: simulations.map((s) => s.name) });
    expectedSections = report.sections.map((s) => s.name);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('results page: loads offline with no console errors and a drawn chart in every simulation’s section', async () => {
    const problems: string[] = [];
    const page = await openPage(browser, pathToFileURL(join(pagesDir, 'index.html')).href, problems);
    const sections = await page.$$eval('section.sim[data-sim]', (els) =>
      els.map((el) => ({
        name: el.getAttribute('data-sim')!,
        declared: Number(el.getAttribute('data-charts')),
        canvases: el.querySelectorAll('canvas').length,
        drawn: el.querySelectorAll('canvas[data-drawn="true"]').length,
        images: el.querySelectorAll('.pngs img').length,
      })),
    );
    expect(sections.map((s) => s.name)).toEqual(expectedSections);
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) {
      // Every simulation shows charts: interactive ones, or (for one the report cannot read) its PNGs.
      expect(s.drawn + s.images, s.name).toBeGreaterThan(0);
      expect(s.drawn, s.name).toBe(s.declared);
      expect(s.canvases, s.name).toBe(s.declared);
    }
    expect(Number(await page.getAttribute('body', 'data-charts-failed'))).toBe(0);
    // Chart.js really drew: the first chart's canvas is not blank.
    const first = await page.$eval('canvas[data-drawn="true"]', (c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let colored = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2])) colored++;
      return colored;
    });
    expect(first).toBeGreaterThan(500);
    // The PNG links resolve: opened images have a size.
    const broken = await page.$$eval('.pngs img', (imgs) => Promise.all(imgs.map(async (img) => {
      const i = img as HTMLImageElement;
      i.loading = 'eager';
      await i.decode().catch(() => undefined);
      return i.naturalWidth === 0 ? i.src : '';
    })).then((srcs) => srcs.filter((s) => s !== '')));
    expect(broken).toEqual([]);
    // Zoom: dragging a box over an x/y chart narrows its x axis; a double click restores it.
    const xy = page.locator('figure[data-kind="xy"] canvas').first();
    await xy.scrollIntoViewIfNeeded();
    const xRange = () => xy.evaluate((c) => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { scales: Record<string, { min: number; max: number }> } } }).Chart.getChart(c as HTMLCanvasElement)!;
      return chart.scales['x']!.max - chart.scales['x']!.min;
    });
    const full = await xRange();
    const area = (await xy.boundingBox())!;
    await page.mouse.move(area.x + area.width * 0.35, area.y + area.height * 0.45);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.6, area.y + area.height * 0.7, { steps: 5 });
    await page.mouse.up();
    expect(await xRange()).toBeLessThan(0.6 * full);
    await xy.dblclick();
    expect(await xRange()).toBeCloseTo(full, 6);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'results-page.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 30_000);

  it('explorer: moving λ across x² turns the sum loss’s origin from saddle to minimum; minima at ±√(1 − λ/x²) as drawn', async () => {
    const problems: string[] = [];
    const page = await openPage(browser, pathToFileURL(join(pagesDir, 'explorer.html')).href, problems);
    expect(await page.inputValue('#scalar-loss')).toBe('sum');
    await page.fill('#scalar-x2', '4');
    for (const lambda of [0.5, 1, 2, 3, 3.5]) {
      await page.fill('#scalar-lambda', String(lambda));
      const points = await criticalPoints(page, 'scalar');
      expect(points.map((p) => p.type), `λ = ${lambda}`).toEqual(['saddle', 'minimum', 'minimum']);
      expect(points[0]).toMatchObject({ w1: 0, w2: 0 });
      const a = Math.sqrt(1 - lambda / 4);
      for (const [p, sign] of [[points[1]!, 1], [points[2]!, -1]] as const) {
        expect(p.w1).toBeCloseTo(sign * a, 10);
        expect(p.w2).toBeCloseTo(sign * a, 10);
        // Drawn where listed: the minimum's red star (#e41a1c) covers its pixel.
        const [r, g, b] = await pixel(page, 'scalar-canvas', p.px, p.py);
        expect(r, `star at λ = ${lambda}`).toBeGreaterThan(180);
        expect(g + b).toBeLessThan(120);
      }
      const saddle = await pixel(page, 'scalar-canvas', points[0]!.px, points[0]!.py + 2);
      expect(saddle[0] > 200 && saddle[1] > 180 && saddle[2] < 120, 'yellow saddle triangle at the origin').toBe(true);
    }
    await page.locator('#scalar').screenshot({ path: join(SHOTS, 'explorer-lambda-below.png') });
    for (const lambda of [5, 8]) {
      await page.fill('#scalar-lambda', String(lambda));
      expect(await criticalPoints(page, 'scalar')).toMatchObject([{ type: 'minimum', w1: 0, w2: 0 }]);
    }
    await page.fill('#scalar-lambda', '4');
    expect((await criticalPoints(page, 'scalar')).map((p) => p.type)).toEqual(['degenerate minimum']);
    await page.fill('#scalar-lambda', '6');
    await page.locator('#scalar').screenshot({ path: join(SHOTS, 'explorer-lambda-above.png') });
    expect(await page.textContent('#scalar-explain')).toMatch(/origin is the only critical point/);
    expect(problems).toEqual([]);
  }, 30_000);

  it('explorer: a clicked start point yields a gradient-descent path that ends at a minimum', async () => {
    const problems: string[] = [];
    const page = await openPage(browser, pathToFileURL(join(pagesDir, 'explorer.html')).href, problems);
    await page.fill('#scalar-lambda', '1');
    const start = await explorerPixel(page, 'scalar', [0.3, 0.1]);
    const box = (await page.locator('#scalar-canvas').boundingBox())!;
    const before = await pixel(page, 'scalar-canvas', start.x - box.x, start.y - box.y);
    await page.mouse.click(start.x, start.y);
    const result = page.locator('#scalar-gd-result');
    expect(await result.getAttribute('data-status')).toBe('converged');
    expect(await result.getAttribute('data-end-type')).toBe('minimum');
    expect(await result.textContent()).toMatch(/^converged to minimum \(0\.866, 0\.866\) after \d+ steps from \(0\.3\d*, 0\.\d+\)/);
    expect(Number(await result.getAttribute('data-w1'))).toBeCloseTo(Math.sqrt(0.75), 6);
    // The start marker (pink) is drawn where the click was.
    const after = await pixel(page, 'scalar-canvas', start.x - box.x, start.y - box.y);
    expect(after).not.toEqual(before);
    expect(after[0]).toBeGreaterThan(200);
    expect(after[2]).toBeGreaterThan(150);
    await page.locator('#scalar').screenshot({ path: join(SHOTS, 'explorer-descent.png') });

    // A start on the other side of the saddle's stable line reaches the other minimum.
    const other = await explorerPixel(page, 'scalar', [-0.4, 0.1]);
    await page.mouse.click(other.x, other.y);
    expect(await result.textContent()).toMatch(/^converged to minimum \(-0\.866, -0\.866\)/);

    // Too large a step diverges and says so.
    await page.fill('#scalar-lr', '0.5');
    await page.dispatchEvent('#scalar-lr', 'change');
    expect(await result.getAttribute('data-status')).toBe('diverged');
    expect(problems).toEqual([]);
  }, 30_000);

  it('explorer: tied vector case and weight-alignment presets', async () => {
    const problems: string[] = [];
    const page = await openPage(browser, pathToFileURL(join(pagesDir, 'explorer.html')).href, problems);
    // Tied: minima ±√(1 − λ/σ1²)·u1, saddles along u2; λ above both σi² leaves the origin a minimum.
    const tied = await criticalPoints(page, 'tied');
    expect(tied.map((p) => p.type).sort()).toEqual(['maximum', 'minimum', 'minimum', 'saddle', 'saddle']);
    const minimum = tied.find((p) => p.type === 'minimum' && p.w1 > 0)!;
    expect(minimum.w1).toBeCloseTo(Math.sqrt(0.75) * Math.cos(Math.PI / 6), 10);
    await page.fill('#tied-lambda', '5');
    expect(await criticalPoints(page, 'tied')).toMatchObject([{ type: 'minimum', w1: 0, w2: 0 }]);

    await page.click('#align-preset-backprop');
    expect(await page.textContent('#align-critical-points')).toMatch(/minima line w1 = 1 \(any backward weight\)/);
    for (const preset of ['information', 'symmetric']) {
      await page.click(`#align-preset-${preset}`);
      const minima = (await criticalPoints(page, 'align')).filter((p) => p.type === 'minimum');
      expect(minima, preset).toHaveLength(1);
      expect(minima[0]!.w1).toBeCloseTo(minima[0]!.w2, 9); // on the diagonal w2 = w1
    }
    await page.locator('#align').screenshot({ path: join(SHOTS, 'explorer-alignment.png') });
    expect(problems).toEqual([]);
    expect(readdirSync(SHOTS).length).toBeGreaterThanOrEqual(4);
    expect(existsSync(join(SHOTS, 'results-page.png'))).toBe(true);
  }, 30_000);
});
