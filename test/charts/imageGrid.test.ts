import { describe, expect, it } from 'vitest';
import { combinePngs, imageGrid } from '../../src/charts/index.js';
import { decodePng } from './png.js';

const tile = (k: number) => Float64Array.from({ length: 28 * 28 }, (_, i) => Math.sin(i * 0.1 * (k + 1)));

describe('imageGrid', () => {
  it('renders a 3×3 grid of 28×28 tiles with captions', async () => {
    const images = Array.from({ length: 9 }, (_, k) => tile(k));
    const png = await imageGrid({ title: 'eigen-digits', images, width: 28, height: 28, columns: 3, labels: images.map((_, k) => `#${k}`), scale: 'symmetric-each' });
    const { width, height } = await decodePng(png);
    expect(width).toBeGreaterThan(3 * 84 * 2);
    expect(height).toBeGreaterThan(3 * 84 * 2);
  });

  it('throws for empty input or wrong image sizes, naming the sizes', async () => {
    await expect(imageGrid({ images: [], width: 28, height: 28, columns: 3 })).rejects.toThrow('imageGrid: images is empty (0 images given)');
    await expect(imageGrid({ images: [tile(0), new Float64Array(780)], width: 28, height: 28, columns: 3 })).rejects.toThrow(
      'imageGrid: images[1] has length 780, expected width×height = 28×28 = 784',
    );
  });
});

describe('combinePngs', () => {
  it('lays panels out on a grid', async () => {
    const a = await imageGrid({ images: [tile(0)], width: 28, height: 28, columns: 1, tileSize: 28 });
    const { width: w, height: h } = await decodePng(a);
    const combined = await combinePngs([a, a, a], { columns: 2, gap: 4 });
    await decodePng(combined, 2 * w + 4, 2 * h + 4);
    await expect(combinePngs([])).rejects.toThrow('combinePngs: no images given (0 buffers)');
  });
});
