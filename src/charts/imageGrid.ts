import { createCanvas } from 'canvas';
import type { Numbers } from './axes.js';
import { toRgba, valueRange } from './colormap.js';
import { encodePng, rgbaCanvas } from './raster.js';
import { DEVICE_PIXEL_RATIO, FONT_FAMILY } from './render.js';

export interface ImageGridOptions {
  title?: string;
  /** Each image is height×width, row-major, top row first. */
  images: readonly Numbers[];
  width: number;
  height: number;
  columns: number;
  /** Caption under each tile. */
  labels?: readonly string[];
  /**
   * 'minmax-each' (default): grey, each image's min → black, max → white.
   * 'symmetric-each': diverging blue–white–red, each image over [−max|v|, max|v|] so 0 is white.
   */
  scale?: 'minmax-each' | 'symmetric-each';
  /** Tile size in CSS pixels (longer side); default 4 px per image pixel, at least 84. */
  tileSize?: number;
}

const PAD = 12;
const TITLE_HEIGHT = 30;
const CAPTION_HEIGHT = 20;

/**
 * Grid of small images (e.g. eigen-digits) with optional captions, drawn with pixel-exact tiles.
 * The PNG is DEVICE_PIXEL_RATIO times the layout size.
 */
export async function imageGrid(options: ImageGridOptions): Promise<Buffer> {
  const { title, images, width, height, columns, labels, scale = 'minmax-each' } = options;
  if (images.length === 0) throw new Error('imageGrid: images is empty (0 images given)');
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`imageGrid: columns must be a positive integer, got ${columns}`);
  images.forEach((img, i) => {
    if (img.length !== width * height) {
      throw new Error(`imageGrid: images[${i}] has length ${img.length}, expected width×height = ${width}×${height} = ${width * height}`);
    }
  });
  if (labels && labels.length !== images.length) {
    throw new Error(`imageGrid: ${labels.length} labels for ${images.length} images`);
  }
  const tile = options.tileSize ?? Math.max(84, 4 * Math.max(width, height));
  const tileW = (tile * width) / Math.max(width, height);
  const tileH = (tile * height) / Math.max(width, height);
  const cols = Math.min(columns, images.length);
  const rows = Math.ceil(images.length / cols);
  const titleH = title ? TITLE_HEIGHT : 0;
  const captionH = labels ? CAPTION_HEIGHT : 0;
  const cellW = tileW + PAD;
  const cellH = tileH + captionH + PAD;
  const layoutW = Math.ceil(PAD + cols * cellW);
  const layoutH = Math.ceil(PAD + titleH + rows * cellH);

  const canvas = createCanvas(layoutW * DEVICE_PIXEL_RATIO, layoutH * DEVICE_PIXEL_RATIO);
  const ctx = canvas.getContext('2d');
  ctx.scale(DEVICE_PIXEL_RATIO, DEVICE_PIXEL_RATIO);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layoutW, layoutH);
  ctx.fillStyle = '#222';
  ctx.textAlign = 'center';
  if (title) {
    ctx.font = `bold 16px ${FONT_FAMILY}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(title, layoutW / 2, PAD + TITLE_HEIGHT / 2 - 4, layoutW - 2 * PAD);
  }
  ctx.font = `12px ${FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  images.forEach((img, i) => {
    const x = PAD + (i % cols) * cellW;
    const y = PAD + titleH + Math.floor(i / cols) * cellH;
    const rgba = scale === 'symmetric-each' ? toRgba(img, 'diverging', valueRange(img, true)) : toRgba(img, 'grey', valueRange(img, false));
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(rgbaCanvas(rgba, width, height), x, y, tileW, tileH);
    ctx.strokeStyle = '#bbb';
    ctx.lineWidth = 1;
    ctx.strokeRect(x - 0.5, y - 0.5, tileW + 1, tileH + 1);
    if (labels) ctx.fillText(labels[i]!, x + tileW / 2, y + tileH + 4, cellW - 2);
  });
  return encodePng(canvas);
}
