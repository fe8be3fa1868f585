import { describe, expect, it } from 'vitest';
import { DEVICE_PIXEL_RATIO, renderChart } from '../../src/charts/index.js';
import { decodePng } from './png.js';

describe('renderChart', () => {
  it('renders at DEVICE_PIXEL_RATIO on an opaque white background', async () => {
    const png = await renderChart({ type: 'scatter', data: { datasets: [] } }, { width: 120, height: 80 });
    const pixels = await decodePng(png, 120 * DEVICE_PIXEL_RATIO, 80 * DEVICE_PIXEL_RATIO);
    expect([...pixels.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('rejects non-integer sizes', async () => {
    await expect(renderChart({ type: 'scatter', data: { datasets: [] } }, { width: 0, height: 80 })).rejects.toThrow(
      /renderChart: width must be a positive integer, got 0/,
    );
  });
});
