import { describe, expect, it } from 'vitest';
import { DEVICE_PIXEL_RATIO, downsampleMinMax, formatTickNumber, lineChart, logTickValues } from '../../src/charts/index.js';
import { decodePng } from './png.js';

describe('lineChart', () => {
  it('renders several series with a log y axis as a PNG of size × devicePixelRatio', async () => {
    const y = (rate: number) => Float64Array.from({ length: 3000 }, (_, i) => Math.exp(-rate * i));
    const png = await lineChart({
      title: 'decay',
      xLabel: 'step',
      yLabel: 'loss',
      series: [{ label: 'a', y: y(0.001) }, { label: 'b', y: y(0.005), dashed: true }, { label: 'c', y: y(0.01), color: '#123456' }],
      yLog: true,
      width: 320,
      height: 200,
    });
    await decodePng(png, 320 * DEVICE_PIXEL_RATIO, 200 * DEVICE_PIXEL_RATIO);
  });

  it('drops zeros, negatives and NaN on log axes instead of throwing', async () => {
    const png = await lineChart({
      title: 'bad values',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ label: 'mixed', x: [0, 1, 2, 3, 4], y: [1, 0, -2, NaN, 0.01] }, { label: 'all bad', y: [0, -1] }],
      xLog: true,
      yLog: true,
      width: 200,
      height: 150,
    });
    await decodePng(png, 400, 300);
  });

  it('labels a categorical x axis with the category names instead of numbers', async () => {
    const base = { title: 'levels', xLabel: 'grid point', yLabel: 'y', width: 320, height: 200 };
    const series = [0, 1].map((i) => ({ label: `rule ${i}`, x: [i + 0.7, i + 1.3], y: [i, i] }));
    const numbered = await decodePng(await lineChart({ ...base, series, xRange: [0.5, 2.5] }));
    const named = await decodePng(await lineChart({ ...base, series, xCategories: ['backprop', 'fa'] }));
    // the same plot (range [0.5, 2.5] either way); only the tick-label band under it differs
    const rows = (p: { data: Uint8ClampedArray; width: number }, from: number, to: number) => p.data.subarray(from * p.width * 4, to * p.width * 4);
    const h = named.data.length / named.width / 4;
    expect(Buffer.from(rows(named, Math.round(h * 0.86), Math.round(h * 0.92))).equals(Buffer.from(rows(numbered, Math.round(h * 0.86), Math.round(h * 0.92))))).toBe(false);
  });

  it('throws clear errors for empty or inconsistent series', async () => {
    const base = { title: 't', xLabel: 'x', yLabel: 'y' };
    await expect(lineChart({ ...base, series: [] })).rejects.toThrow('lineChart: series is empty (0 series given)');
    await expect(lineChart({ ...base, series: [{ label: 'e', y: [] }] })).rejects.toThrow('lineChart: series[0] ("e") has 0 y values');
    await expect(lineChart({ ...base, series: [{ label: 'm', x: [1, 2], y: [1, 2, 3] }] })).rejects.toThrow(
      'lineChart: series[0] ("m") has x length 2 but y length 3',
    );
  });
});

describe('downsampleMinMax', () => {
  const points = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 50) }));
  points[4321]!.y = 7;
  points[8765]!.y = -9;

  it('keeps first, last and extremes in order within the budget', () => {
    const out = downsampleMinMax(points, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
    expect(out).toContainEqual({ x: 4321, y: 7 });
    expect(out).toContainEqual({ x: 8765, y: -9 });
    expect(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x)).toBe(true);
  });

  it('returns short series unchanged', () => {
    expect(downsampleMinMax(points.slice(0, 10), 500)).toEqual(points.slice(0, 10));
  });
});

describe('log axis ticks', () => {
  it('picks at most 8 powers of ten, or a 1-2-5 series for narrow ranges', () => {
    expect(logTickValues(1e-9, 1)).toEqual([1e-8, 1e-6, 1e-4, 1e-2, 1]);
    expect(logTickValues(1e-3, 10)).toEqual([1e-3, 1e-2, 0.1, 1, 10]);
    expect(logTickValues(0.3, 4)).toEqual([0.5, 1, 2]);
    expect(logTickValues(0.31, 0.32)).toEqual([]);
  });

  it('formats tick labels compactly', () => {
    expect([1e-9, 0.01, 1, 1000, 1e4, 2.5e-7, 0].map(formatTickNumber)).toEqual(['1e-9', '0.01', '1', '1000', '1e4', '2.5e-7', '0']);
  });
});
