import { createCanvas, loadImage } from 'canvas';
import { encodePng } from './raster.js';

export interface CombineOptions {
  /** Panels per row; default all in one row. */
  columns?: number;
  /** Space between panels in output pixels. Default 0. */
  gap?: number;
}

/**
 * Lay PNGs out on a grid (row by row) in one PNG on white. Each cell is as large as the largest
 * panel; smaller panels are centred in their cell. Sizes are in output pixels (no rescaling).
 */
export async function combinePngs(buffers: readonly Buffer[], options: CombineOptions = {}): Promise<Buffer> {
  if (buffers.length === 0) throw new Error('combinePngs: no images given (0 buffers)');
  const { columns = buffers.length, gap = 0 } = options;
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`combinePngs: columns must be a positive integer, got ${columns}`);
  const images = await Promise.all(buffers.map((b) => loadImage(b)));
  const cellW = Math.max(...images.map((im) => im.width));
  const cellH = Math.max(...images.map((im) => im.height));
  const cols = Math.min(columns, images.length);
  const rows = Math.ceil(images.length / cols);
  const canvas = createCanvas(cols * cellW + (cols - 1) * gap, rows * cellH + (rows - 1) * gap);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  images.forEach((im, i) => {
    const x = (i % cols) * (cellW + gap) + Math.floor((cellW - im.width) / 2);
    const y = Math.floor(i / cols) * (cellH + gap) + Math.floor((cellH - im.height) / 2);
    ctx.drawImage(im, x, y);
  });
  return encodePng(canvas);
}
