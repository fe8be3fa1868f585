/**
 * `npm run report`: reads a results folder and writes index.html (every simulation with results),
 * explorer.html and assets/ into the output folder (by default the results folder itself).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildAssets } from './bundle.js';
import { generic, SECTION_BUILDERS } from './charts/index.js';
import { sweepSection } from './charts/sweep.js';
import { urlPath } from './format.js';
import { explorerHtml, indexHtml, type SectionInput } from './html.js';
import { loadResults, type BrokenResults, type SimResults } from './load.js';
import type { SectionContent } from './spec.js';

export interface ReportOptions {
  /** Folder with `<sim>/summary.json` sub-folders. */
  resultsDir: string;
  /** Where index.html, explorer.html and assets/ go; default resultsDir. */
  outDir?: string;
  /** Simulation names in display order (e.g. the registry's); others follow alphabetically. */
  order?: readonly string[];
}

export interface ReportSection {
  name: string;
  charts: number;
  /** Set when the simulation's own builder failed or it has none. */
  fallback?: string;
}

export interface ReportResult {
  index: string;
  explorer: string;
  assets: string[];
  sections: ReportSection[];
  broken: BrokenResults[];
}

let tempCounter = 0;

function writeAtomic(path: string, data: string): void {
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * The charts and tables of one simulation: its own builder when there is one (falling back to the
 * generic reading, with a note, when its files do not have the expected shape), else the generic one.
 */
export function sectionContent(sim: SimResults): { content: SectionContent; fallback?: string } {
  // by the simulation that wrote it, so a run kept under another folder name (results/alignment-mnist-full) gets its builder
  const own = sim.summary.kind === 'sweep' ? sweepSection : (SECTION_BUILDERS[sim.summary.simulation] ?? SECTION_BUILDERS[sim.name]);
  const notes = sim.problems.map((p) => `Note: ${p}.`);
  if (own) {
    try {
      const content = own(sim);
      return { content: { ...content, notes: [...notes, ...content.notes] } };
    } catch (err) {
      const content = generic(sim);
      const fallback = `The interactive charts for ${sim.name} could not be built from its JSON (${(err as Error).message}); ${content.charts.length > 0 ? 'a generic reading and ' : ''}the PNG charts are shown instead.`;
      return { content: { ...content, notes: [...notes, ...content.notes] }, fallback };
    }
  }
  const content = generic(sim);
  const fallback = content.charts.length > 0 ? undefined : `No interactive charts for ${sim.name} (its JSON has no recognizable series); see its PNG charts.`;
  return { content: { ...content, notes: [...notes, ...content.notes] }, ...(fallback === undefined ? {} : { fallback }) };
}

export async function generateReport(options: ReportOptions): Promise<ReportResult> {
  const outDir = options.outDir ?? options.resultsDir;
  const { sims, broken } = loadResults(options.resultsDir, options.order);
  const sections: SectionInput[] = [];
  const report: ReportSection[] = [];
  for (const sim of sims) {
    const { content, fallback } = sectionContent(sim);
    const s = sim.summary;
    sections.push({
      name: sim.name,
      title: s.title,
      seed: s.seed,
      full: s.full,
      params: s.params,
      metrics: s.metrics,
      versions: s.versions,
      startedAt: s.startedAt,
      wallTimeSeconds: s.wallTimeSeconds,
      folderHref: urlPath(relative(outDir, sim.dir)) || '.',
      files: sim.files,
      pngs: sim.pngs,
      ...(s.sweep === undefined ? {} : { sweep: s.sweep }),
      content,
      ...(fallback === undefined ? {} : { fallback }),
    });
    report.push({ name: sim.name, charts: content.charts.length, ...(fallback === undefined ? {} : { fallback }) });
  }
  const assets = await buildAssets();
  // one level at a time (the recursive mkdir can spin, see src/sim/out-folder.ts); outDir was checked by the caller
  for (const d of [outDir, join(outDir, 'assets')]) if (!existsSync(d)) mkdirSync(d);
  for (const [name, text] of assets) writeAtomic(join(outDir, 'assets', name), text);
  const rel = relative(process.cwd(), options.resultsDir);
  const label = rel.startsWith('..') ? options.resultsDir : rel || '.';
  const index = join(outDir, 'index.html');
  const explorer = join(outDir, 'explorer.html');
  writeAtomic(index, indexHtml(sections, broken, label));
  writeAtomic(explorer, explorerHtml());
  return { index, explorer, assets: [...assets.keys()].map((n) => join(outDir, 'assets', n)), sections: report, broken };
}
