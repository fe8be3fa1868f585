import { describe, expect, it } from 'vitest';
import { DEVICE_PIXEL_RATIO, scatterChart } from '../../src/charts/index.js';
import { decodePng } from './png.js';

describe('scatterChart', () => {
  it('renders points with theory curves, including points a log axis must drop', async () => {
    const sigma = Array.from({ length: 20 }, (_, i) => 0.1 + i * 0.2);
    const png = await scatterChart({
      title: 'σ² vs τ²',
      xLabel: 'σ²',
      yLabel: 'τ²',
      series: [{ label: 'measured', points: sigma.map((s) => ({ x: s, y: Math.max(0, s - 0.5) })) }],
      lines: [{ label: 'theory', points: sigma.map((s) => ({ x: s, y: s - 0.5 })), dashed: true }],
      yLog: true,
      width: 300,
      height: 220,
    });
    await decodePng(png, 300 * DEVICE_PIXEL_RATIO, 220 * DEVICE_PIXEL_RATIO);
  });

  it('renders a 10-class embedding', async () => {
    const series = Array.from({ length: 10 }, (_, k) => ({
      label: `digit ${k}`,
      points: Array.from({ length: 30 }, (_, i) => ({ x: Math.cos(k) * 3 + Math.sin(i), y: Math.sin(k) * 3 + Math.cos(i * 1.3) })),
      pointRadius: 2,
    }));
    const png = await scatterChart({ title: 'embedding', xLabel: 'z1', yLabel: 'z2', series, width: 300, height: 300 });
    await decodePng(png, 600, 600);
  });

  it('throws for empty input, naming the function', async () => {
    const base = { title: 't', xLabel: 'x', yLabel: 'y' };
    await expect(scatterChart({ ...base, series: [] })).rejects.toThrow('scatterChart: no series or lines given (0 of each)');
    await expect(scatterChart({ ...base, series: [{ label: 'e', points: [] }] })).rejects.toThrow('scatterChart: series[0] ("e") has 0 points');
  });
});
