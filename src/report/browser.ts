/// <reference lib="dom" />
/**
 * Headless Chromium for the browser tests and the README screenshots: Debian's chromium package
 * (/usr/bin/chromium; `.ci/setup` installs it) driven by playwright-core, which downloads no browser.
 * playwright-core is a devDependency, so it is imported only when a browser is wanted.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['LAELAB_CHROMIUM'] ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), no GPU, and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (bash .ci/setup does)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Pixel position inside `#<prefix>-canvas` of the point w in an explorer panel, from the markers
 * the page reports for two distinct critical points (data-px/py on the list items).
 */
export async function explorerPixel(page: Page, prefix: string, w: readonly [number, number]): Promise<{ x: number; y: number }> {
  const geometry = await page.evaluate((p) => {
    const canvas = document.getElementById(`${p}-canvas`) as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    return { left: r.left, top: r.top, width: canvas.width / (window.devicePixelRatio || 1) };
  }, prefix);
  const items = await page.$$eval(`#${prefix}-critical-points li[data-px]`, (lis) =>
    lis.map((li) => ({ w1: Number(li.getAttribute('data-w1')), w2: Number(li.getAttribute('data-w2')), px: Number(li.getAttribute('data-px')), py: Number(li.getAttribute('data-py')) })),
  );
  const a = items[0];
  const b = items.find((q) => a && Math.abs(q.w1 - a.w1) > 1e-6 && Math.abs(q.w2 - a.w2) > 1e-6);
  if (!a || !b) throw new Error(`explorerPixel: panel ${prefix} lists fewer than two separated critical points`);
  const sx = (b.px - a.px) / (b.w1 - a.w1);
  const sy = (b.py - a.py) / (b.w2 - a.w2);
  return { x: geometry.left + a.px + sx * (w[0] - a.w1), y: geometry.top + a.py + sy * (w[1] - a.w2) };
}

/**
 * Screenshots for the README: the top of index.html and the scalar panel of explorer.html with a
 * gradient-descent path, written into outDir. Returns the files written.
 */
export async function takeScreenshots(pagesDir: string, outDir: string): Promise<string[]> {
  // one level (the recursive mkdir can spin under /proc); its parent is the checked results folder
  if (!existsSync(outDir)) mkdirSync(outDir);
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(pathToFileURL(join(pagesDir, 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
    written.push(join(outDir, 'results-page.png'));
    await page.screenshot({ path: written.at(-1)! });

    await page.goto(pathToFileURL(join(pagesDir, 'explorer.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
    const start = await explorerPixel(page, 'scalar', [0.35, -0.15]);
    await page.mouse.click(start.x, start.y);
    written.push(join(outDir, 'explorer.png'));
    await page.locator('#scalar').screenshot({ path: written.at(-1)! });
    await page.click('#align-preset-symmetric');
    written.push(join(outDir, 'explorer-alignment.png'));
    await page.locator('#align').screenshot({ path: written.at(-1)! });
  } finally {
    await browser.close();
  }
  return written;
}
