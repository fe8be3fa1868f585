/**
 * The results page and the landscape explorer: `generateReport` reads `<results>/<sim>/summary.json`
 * and the JSON files each run lists, and writes index.html (interactive Chart.js charts, summary,
 * parameters, links to the PNG and JSON files), explorer.html and assets/ (Chart.js and plugins from
 * node_modules, the pages' scripts bundled by esbuild), all usable from disk with no network.
 */
export { generateReport, sectionContent, type ReportOptions, type ReportResult, type ReportSection } from './generate.js';
export { loadResults, checkSummary, type SimResults, type SummaryData, type BrokenResults, type Json } from './load.js';
export { SECTION_BUILDERS } from './charts/index.js';
export type { ChartSpec, XyChartSpec, HeatmapChartSpec, XySeries, TableSpec, SectionContent } from './spec.js';
