/** Formats a shape as `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Raised when operand shapes do not fit an op; the message names the op and both shapes. */
export class ShapeError extends Error {
  constructor(
    readonly op: string,
    readonly shapes: readonly (readonly number[])[],
    detail: string,
  ) {
    super(`${op}: shapes ${shapes.map(formatShape).join(' and ')} ${detail}`);
    this.name = 'ShapeError';
  }
}

/** Raised when training produces a non-finite loss, weight or gradient. */
export class DivergenceError extends Error {
  constructor(
    message: string,
    readonly step: number,
    readonly parameter: string,
  ) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/** Raised when a requested tensor is larger than the configured limit. */
export class SizeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SizeLimitError';
  }
}
