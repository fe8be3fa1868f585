import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { axisOptions, droppedNote, type Point } from './axes.js';
import { legendOptions, type LegendEntry } from './legend.js';
import { renderChart } from './render.js';

/** What line and scatter charts share: x/y axes (linear or log), title, dropped-value note, legend. */
export interface XyChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  datasets: ChartDataset<'scatter', Point[]>[];
  legend: readonly LegendEntry[];
  /** Points left out because a log axis cannot show them. */
  nonPositive: number;
  nonFinite: number;
  width: number;
  height: number;
}

/** Renders x/y datasets on a scatter-type chart (lines are scatter datasets with showLine). */
export function renderXyChart(spec: XyChartSpec): Promise<Buffer> {
  const subtitle = droppedNote(spec.nonPositive, spec.nonFinite);
  const config: ChartConfiguration<'scatter', Point[]> = {
    type: 'scatter',
    data: { datasets: spec.datasets },
    options: {
      parsing: false,
      layout: { padding: { right: 16 } }, // room for the last x tick label
      scales: { x: axisOptions(spec.xLabel, spec.xLog), y: axisOptions(spec.yLabel, spec.yLog) },
      plugins: {
        title: { display: true, text: spec.title, font: { size: 16, weight: 'bold' } },
        subtitle: { display: subtitle !== undefined, text: subtitle ?? '', color: '#a33', font: { size: 11, style: 'italic' } },
        legend: legendOptions(spec.legend.filter((e) => e.text !== '')),
      },
    },
  };
  return renderChart(config, { width: spec.width, height: spec.height });
}
