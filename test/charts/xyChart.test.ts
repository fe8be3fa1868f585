import { describe, expect, it } from 'vitest';
import { lineChart, scatterChart, type Point } from '../../src/charts/index.js';
import { checkRange, equalAspectRanges, extent, integerDataRange, padRange } from '../../src/charts/axes.js';
import { decodePng } from './png.js';

type Pixels = Awaited<ReturnType<typeof decodePng>>;

const MAGENTA = [255, 0, 255];
const BORDER = [0x88, 0x88, 0x88]; // axis border colour (axes.ts)

/** Bounding box (device pixels) of the pixels with exactly this RGB colour. */
function bbox(p: Pixels, rgb: readonly number[]): { left: number; right: number; top: number; bottom: number; count: number } {
  let [left, right, top, bottom, count] = [Infinity, -Infinity, Infinity, -Infinity, 0];
  for (let i = 0; i < p.data.length; i += 4) {
    if (p.data[i] !== rgb[0] || p.data[i + 1] !== rgb[1] || p.data[i + 2] !== rgb[2]) continue;
    const x = (i / 4) % p.width;
    const y = Math.floor(i / 4 / p.width);
    [left, right, top, bottom, count] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y), count + 1];
  }
  return { left, right, top, bottom, count };
}

/** The plot area's horizontal extent: the longest run of the x axis border colour in any row. */
function plotAreaColumns(p: Pixels): { left: number; right: number } {
  let best = { left: 0, right: -1 };
  for (let y = 0; y < p.height; y++) {
    let start = -1;
    for (let x = 0; x <= p.width; x++) {
      const i = (y * p.width + x) * 4;
      const on = x < p.width && p.data[i] === BORDER[0] && p.data[i + 1] === BORDER[1] && p.data[i + 2] === BORDER[2];
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - 1 - start > best.right - best.left) best = { left: start, right: x - 1 };
        start = -1;
      }
    }
  }
  return best;
}

const steps = Array.from({ length: 4001 }, (_, i) => i);
const base = { title: 't', xLabel: 'step', yLabel: 'y', width: 500, height: 300 };

describe('axis helpers', () => {
  it('integerDataRange: the data range for integer data only', () => {
    expect(integerDataRange([0, 4000, 17])).toEqual([0, 4000]);
    expect(integerDataRange([1, 2.5])).toBeUndefined();
    expect(integerDataRange([3, 3])).toBeUndefined();
    expect(integerDataRange([])).toBeUndefined();
    expect(extent([2, -1, 5])).toEqual([-1, 5]);
    expect(padRange([0, 10], 0.04)).toEqual([-0.4, 10.4]);
    expect(padRange([2, 2], 0.04)).toEqual([1.5, 2.5]);
  });

  it('equalAspectRanges: same units per pixel, the narrower axis widened about its centre', () => {
    const { x, y } = equalAspectRanges([-1, 1], [0, 1], 400, 100);
    expect(x).toEqual([-2, 2]); // 4 units / 400 px = 0.01
    expect(y).toEqual([0, 1]); // 1 unit / 100 px
    const r = equalAspectRanges([0, 1], [-3, 3], 300, 200);
    expect((r.x[1] - r.x[0]) / 300).toBeCloseTo((r.y[1] - r.y[0]) / 200, 14);
    expect(r.x).toEqual([-4, 5]);
  });

  it('checkRange: finite min < max, min > 0 on log axes, with the function and option named', () => {
    expect(() => checkRange('lineChart', 'xRange', [0, 1], false)).not.toThrow();
    expect(() => checkRange('lineChart', 'xRange', [1, 1], false)).toThrow('lineChart: xRange must be [min, max] with finite min < max, got [1, 1]');
    expect(() => checkRange('scatterChart', 'yRange', [0, NaN], false)).toThrow('scatterChart: yRange must be [min, max] with finite min < max, got [0, NaN]');
    expect(() => checkRange('lineChart', 'yRange', [0, 10], true)).toThrow('lineChart: yRange on a log axis needs min > 0, got [0, 10]');
  });
});

describe('x axis bounds', () => {
  it('lineChart: integer steps 0..4000 span the plot area exactly (no padding to −500..4500)', async () => {
    const png = await lineChart({ ...base, series: [{ label: 'a', x: steps, y: steps.map((s) => Math.sin(s / 300)), color: '#ff00ff' }] });
    const p = await decodePng(png);
    const area = plotAreaColumns(p);
    const line = bbox(p, MAGENTA);
    expect(area.right - area.left).toBeGreaterThan(p.width / 2);
    expect(Math.abs(line.left - area.left)).toBeLessThanOrEqual(3);
    expect(Math.abs(line.right - area.right)).toBeLessThanOrEqual(3);
  });

  it('lineChart: non-integer x keeps the 4% padding', async () => {
    const x = steps.map((s) => s / 1000 + 0.05);
    const p = await decodePng(await lineChart({ ...base, series: [{ label: 'a', x, y: x, color: '#ff00ff' }] }));
    const area = plotAreaColumns(p);
    expect(bbox(p, MAGENTA).left - area.left).toBeGreaterThan(0.02 * (area.right - area.left));
  });

  it('lineChart and scatterChart: an explicit xRange places the data where it says', async () => {
    // data 0..4000 on [−1000, 5000]: the line starts 1/6 and ends 5/6 of the way across
    const line = await decodePng(await lineChart({ ...base, xRange: [-1000, 5000], yRange: [-2, 2], series: [{ label: 'a', x: steps, y: steps.map(() => 0), color: '#ff00ff' }] }));
    const scatter = await decodePng(
      await scatterChart({ ...base, xRange: [-1000, 5000], series: [], lines: [{ label: 'a', points: [{ x: 0, y: 0 }, { x: 4000, y: 1 }], color: '#ff00ff' }] }),
    );
    for (const p of [line, scatter]) {
      const area = plotAreaColumns(p);
      const width = area.right - area.left;
      const { left, right } = bbox(p, MAGENTA);
      expect(Math.abs((left - area.left) / width - 1 / 6)).toBeLessThan(0.01);
      expect(Math.abs((right - area.left) / width - 5 / 6)).toBeLessThan(0.01);
    }
  });
});

describe('scatterChart equalAspect', () => {
  const circle: Point[] = Array.from({ length: 361 }, (_, i) => ({ x: Math.cos((i * Math.PI) / 180), y: Math.sin((i * Math.PI) / 180) }));

  for (const [width, height, ranges] of [[700, 300, {}], [300, 650, {}], [500, 500, { xRange: [-1.2, 1.2] as const, yRange: [-3, 3] as const }]] as const) {
    it(`keeps a circle round on a ${width}×${height} chart${'xRange' in ranges ? ' with explicit ranges' : ''}`, async () => {
      // label '': no legend swatch of the same colour in the bounding box
      const png = await scatterChart({ ...base, ...ranges, width, height, equalAspect: true, series: [], lines: [{ label: '', points: circle, color: '#ff00ff' }] });
      const p = await decodePng(png, 2 * width, 2 * height);
      const box = bbox(p, MAGENTA);
      const [w, h] = [box.right - box.left, box.bottom - box.top];
      expect(w).toBeGreaterThan(50);
      expect(Math.abs(w - h)).toBeLessThanOrEqual(2);
    });
  }

  it('later lines are drawn above earlier ones', async () => {
    const points = [{ x: 0, y: 0 }, { x: 1, y: 1 }];
    const png = await scatterChart({ ...base, series: [], lines: [{ label: 'wide', points, color: '#ff0000', lineWidth: 10 }, { label: 'narrow', points, color: '#ff00ff', lineWidth: 2 }] });
    expect(bbox(await decodePng(png), MAGENTA).count).toBeGreaterThan(100);
  });

  it('refuses log axes, and bad ranges, naming the function', async () => {
    const line = [{ label: 'l', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }];
    await expect(scatterChart({ ...base, series: [], lines: line, equalAspect: true, yLog: true })).rejects.toThrow('scatterChart: equalAspect needs linear axes, got xLog = false, yLog = true');
    await expect(scatterChart({ ...base, series: [], lines: line, xRange: [2, 1] })).rejects.toThrow('scatterChart: xRange must be [min, max] with finite min < max, got [2, 1]');
    await expect(lineChart({ ...base, series: [{ label: 'a', y: [1, 2] }], yRange: [0, 1], yLog: true })).rejects.toThrow('lineChart: yRange on a log axis needs min > 0, got [0, 1]');
  });
});
