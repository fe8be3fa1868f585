import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import type { CanvasRenderingContext2D as NodeContext } from 'canvas';
import { FONT_FAMILY } from './axes.js';

/** Output pixels per CSS pixel: a chart of width×height is written as a (2·width)×(2·height) PNG. */
export const DEVICE_PIXEL_RATIO = 2;

export { FONT_FAMILY };

/** Size of a chart in CSS pixels (the PNG is DEVICE_PIXEL_RATIO times larger). */
export interface ChartSize {
  width: number;
  height: number;
}

const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor({ width, height }: ChartSize): ChartJSNodeCanvas {
  const key = `${width}x${height}`;
  let renderer = renderers.get(key);
  if (!renderer) {
    renderer = new ChartJSNodeCanvas({
      width,
      height,
      chartCallback: (chartJs) => {
        chartJs.defaults.font.family = FONT_FAMILY;
        chartJs.defaults.font.size = 12;
        chartJs.defaults.color = '#222';
      },
    });
    renderers.set(key, renderer);
  }
  return renderer;
}

/** Chart.js's `chart.ctx` is typed with DOM types this project does not load; node-canvas provides it. */
export function nodeContext(chart: { ctx: unknown }): NodeContext {
  return chart.ctx as NodeContext;
}

const whiteBackground: Plugin = {
  id: 'laelabWhiteBackground',
  beforeDraw(chart) {
    const ctx = nodeContext(chart);
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * Render a Chart.js configuration to PNG on a white background, without animation, at
 * DEVICE_PIXEL_RATIO. The configuration is not mutated.
 */
export async function renderChart<T extends ChartType>(
  config: ChartConfiguration<T>,
  size: ChartSize,
): Promise<Buffer> {
  for (const [name, value] of Object.entries(size)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`renderChart: ${name} must be a positive integer, got ${value}`);
    }
  }
  const full = {
    ...config,
    options: {
      ...config.options,
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: DEVICE_PIXEL_RATIO,
    },
    plugins: [whiteBackground, ...(config.plugins ?? [])],
  };
  // chartjs-node-canvas types its argument with its own (CommonJS) copy of the Chart.js types.
  return rendererFor(size).renderToBuffer(full as unknown as Parameters<ChartJSNodeCanvas['renderToBuffer']>[0]);
}
