import { createCanvas, loadImage } from 'canvas';
import { expect } from 'vitest';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Assert `buffer` is a PNG of the given pixel size and return its RGBA pixels. */
export async function decodePng(buffer: Buffer, width?: number, height?: number): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  expect([...buffer.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const image = await loadImage(buffer);
  if (width !== undefined) expect(image.width).toBe(width);
  if (height !== undefined) expect(image.height).toBe(height);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { data: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

/** Number of pixels with exactly this RGB colour, and their mean row. */
export function findColor(pixels: { data: Uint8ClampedArray; width: number }, rgb: readonly number[]): { count: number; meanY: number } {
  let count = 0;
  let sumY = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    if (pixels.data[i] === rgb[0] && pixels.data[i + 1] === rgb[1] && pixels.data[i + 2] === rgb[2]) {
      count++;
      sumY += Math.floor(i / 4 / pixels.width);
    }
  }
  return { count, meanY: count > 0 ? sumY / count : NaN };
}
