import { createCanvas, type Canvas } from 'canvas';

/** A width×height canvas holding RGBA pixels (row-major, top row first), for scaled drawImage. */
export function rgbaCanvas(rgba: Uint8ClampedArray, width: number, height: number): Canvas {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Encode a canvas as PNG without blocking the event loop. */
export function encodePng(canvas: Canvas): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    canvas.toBuffer((error, buffer) => (error ? reject(error) : resolve(buffer)), 'image/png');
  });
}
