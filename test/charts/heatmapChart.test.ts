import { describe, expect, it } from 'vitest';
import { DEVICE_PIXEL_RATIO, colorAt, heatmapChart, marchingSquares, valueRange } from '../../src/charts/index.js';
import { decodePng, findColor } from './png.js';

/** f sampled on an n×n grid over [-2, 2]², row-major with y along rows. */
function sample(n: number, f: (x: number, y: number) => number): Float64Array {
  const values = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) values[r * n + c] = f(-2 + (4 * c) / (n - 1), -2 + (4 * r) / (n - 1));
  return values;
}

describe('marchingSquares', () => {
  const n = 41;
  const spacing = 4 / (n - 1);
  const grid = { values: sample(n, (x, y) => x * x + y * y), rows: n, cols: n, xRange: [-2, 2], yRange: [-2, 2] } as const;

  it('finds the unit circle of x² + y² = 1 as one closed line', () => {
    const lines = marchingSquares(grid, 1);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line[0]).toEqual(line.at(-1));
    for (const p of line) expect(Math.abs(Math.hypot(p.x, p.y) - 1)).toBeLessThan(spacing);
    let area = 0;
    for (let i = 1; i < line.length; i++) area += line[i - 1]!.x * line[i]!.y - line[i]!.x * line[i - 1]!.y;
    expect(Math.abs(area) / 2).toBeCloseTo(Math.PI, 1);
  });

  it('returns open lines across the grid', () => {
    const lines = marchingSquares({ ...grid, values: sample(n, (x) => x) }, 0.25);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveLength(n);
    for (const p of lines[0]!) expect(p.x).toBeCloseTo(0.25, 10);
  });

  it('rejects values of the wrong length', () => {
    expect(() => marchingSquares({ ...grid, rows: 3 }, 1)).toThrow(`marchingSquares: values length ${n * n} does not match rows×cols = 3×${n} = ${3 * n}`);
  });
});

describe('colour scales', () => {
  it('has the documented endpoints and midpoints', () => {
    expect(colorAt('diverging', 0)).toEqual([33, 102, 172]);
    expect(colorAt('diverging', 0.5)).toEqual([247, 247, 247]);
    expect(colorAt('diverging', 1)).toEqual([178, 24, 43]);
    expect(colorAt('sequential', 0)).toEqual([68, 1, 84]);
    expect(colorAt('sequential', 0.5)).toEqual([33, 144, 141]);
    expect(colorAt('sequential', 1)).toEqual([253, 231, 37]);
    expect(colorAt('grey', 0.5)).toEqual([128, 128, 128]);
    expect(colorAt('sequential', -3)).toEqual(colorAt('sequential', 0));
    expect(colorAt('sequential', 7)).toEqual(colorAt('sequential', 1));
  });

  it('computes symmetric and plain value ranges, ignoring non-finite values', () => {
    expect(valueRange([-1, 3, NaN, 2], true)).toEqual([-3, 3]);
    expect(valueRange([-1, 3, Infinity, 2], false)).toEqual([-1, 3]);
  });
});

describe('heatmapChart', () => {
  it('renders a landscape with level lines, markers and overlay lines', async () => {
    const n = 31;
    const png = await heatmapChart({
      title: 'landscape',
      xLabel: 'w1',
      yLabel: 'w2',
      values: sample(n, (a, b) => (2 - 2 * a * b) ** 2 + 0.25 * (a * a + b * b)),
      rows: n,
      cols: n,
      xRange: [-2, 2],
      yRange: [-2, 2],
      contours: [1, 4],
      colorBarLabel: 'loss',
      markers: [
        { label: 'saddle (theory)', points: [{ x: 0, y: 0 }], color: '#E69F00', style: 'triangle' },
        { label: 'minimum (theory)', points: [{ x: 1, y: 1 }], color: '#D55E00', style: 'star' },
      ],
      overlayLines: [{ label: 'w1 = w2', points: [{ x: -2, y: -2 }, { x: 2, y: 2 }], color: '#fff', dashed: true }],
      width: 320,
      height: 280,
    });
    await decodePng(png, 320 * DEVICE_PIXEL_RATIO, 280 * DEVICE_PIXEL_RATIO);
  });

  it('draws signed matrices with row 0 at the top in matrix orientation', async () => {
    // Row 0 = [−1, 1] (blue, red), row 1 = [0, 0] (centre colour) on a symmetric diverging scale.
    const options = { title: 'matrix', xLabel: 'col', yLabel: 'row', values: [-1, 1, 0, 0], rows: 2, cols: 2, colorScale: 'diverging', width: 240, height: 200 } as const;
    const blue = colorAt('diverging', 0);
    const centre = colorAt('diverging', 0.5);
    const matrix = await decodePng(await heatmapChart({ ...options, matrixOrientation: true }));
    const plain = await decodePng(await heatmapChart(options));
    for (const pixels of [matrix, plain]) expect(findColor(pixels, blue).count).toBeGreaterThan(1000);
    expect(findColor(matrix, blue).meanY).toBeLessThan(findColor(matrix, centre).meanY);
    expect(findColor(plain, blue).meanY).toBeGreaterThan(findColor(plain, centre).meanY);
  });

  it('rejects values whose length is not rows×cols', async () => {
    await expect(
      heatmapChart({ title: 't', xLabel: 'x', yLabel: 'y', values: new Float64Array(10), rows: 3, cols: 4 }),
    ).rejects.toThrow('heatmapChart: values length 10 does not match rows×cols = 3×4 = 12');
  });
});
