import type { ChartOptions, LegendItem, PointStyle } from 'chart.js';

/** What a legend entry shows: a line sample (optionally dashed) or a point marker. */
export interface LegendEntry {
  text: string;
  color: string;
  /** Outline of a point marker; defaults to `color`. */
  borderColor?: string;
  datasetIndex: number;
  marker: 'line' | PointStyle;
  dashed?: boolean;
}

type LegendOptions = NonNullable<NonNullable<ChartOptions<'scatter'>['plugins']>['legend']>;

/**
 * Legend with explicit entries. Chart.js derives point-style legend items from the first point,
 * which loses a line's dash pattern, so the items are built here instead. Line samples are drawn
 * wide only when every entry is a line: Chart.js would stretch point markers to the same width.
 */
export function legendOptions(entries: readonly LegendEntry[]): LegendOptions {
  const linesOnly = entries.every((e) => e.marker === 'line');
  const items: LegendItem[] = entries.map((e) => ({
    text: e.text,
    datasetIndex: e.datasetIndex,
    fillStyle: e.color,
    strokeStyle: e.borderColor ?? e.color,
    fontColor: '#222',
    lineWidth: e.marker === 'line' ? 2.5 : 1.5,
    lineDash: e.dashed ? (linesOnly ? [6, 4] : [4, 2]) : [],
    pointStyle: e.marker,
    hidden: false,
  }));
  return {
    display: items.length > 0,
    labels: {
      usePointStyle: true,
      boxHeight: 10,
      padding: 14,
      generateLabels: () => items,
      ...(linesOnly ? { pointStyleWidth: 30 } : {}),
    },
  };
}
