import type { Numbers, Point } from './axes.js';

/** Grid geometry: `values[r * cols + c]` is sampled at (x_c, y_r), evenly spaced from range[0] to range[1]. */
export interface Grid {
  values: Numbers;
  rows: number;
  cols: number;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
}

interface Segment {
  keys: [string, string];
  points: [Point, Point];
}

/**
 * Level lines of a sampled function by marching squares. Returns polylines in data coordinates;
 * a closed curve repeats its first point at the end. Cells with a non-finite corner are skipped,
 * and saddle cells are resolved with the cell-centre average.
 */
export function marchingSquares(grid: Grid, level: number): Point[][] {
  const { values, rows, cols, xRange, yRange } = grid;
  if (values.length !== rows * cols) {
    throw new Error(`marchingSquares: values length ${values.length} does not match rows×cols = ${rows}×${cols} = ${rows * cols}`);
  }
  if (rows < 2 || cols < 2) return [];
  const dx = (xRange[1] - xRange[0]) / (cols - 1);
  const dy = (yRange[1] - yRange[0]) / (rows - 1);
  const at = (r: number, c: number) => values[r * cols + c]!;

  // Crossing on the edge from corner (r, c) to its right ('h') or upper ('v') neighbour.
  const crossing = (kind: 'h' | 'v', r: number, c: number): { key: string; point: Point } => {
    const a = at(r, c);
    const b = kind === 'h' ? at(r, c + 1) : at(r + 1, c);
    const t = (level - a) / (b - a);
    const point =
      kind === 'h'
        ? { x: xRange[0] + (c + t) * dx, y: yRange[0] + r * dy }
        : { x: xRange[0] + c * dx, y: yRange[0] + (r + t) * dy };
    return { key: `${kind}${r},${c}`, point };
  };

  const segments: Segment[] = [];
  const add = (a: ReturnType<typeof crossing>, b: ReturnType<typeof crossing>) =>
    segments.push({ keys: [a.key, b.key], points: [a.point, b.point] });

  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const v00 = at(r, c);
      const v01 = at(r, c + 1);
      const v10 = at(r + 1, c);
      const v11 = at(r + 1, c + 1);
      if (![v00, v01, v10, v11].every(Number.isFinite)) continue;
      const mask = (v00 >= level ? 1 : 0) | (v01 >= level ? 2 : 0) | (v11 >= level ? 4 : 0) | (v10 >= level ? 8 : 0);
      if (mask === 0 || mask === 15) continue;
      const bottom = () => crossing('h', r, c);
      const top = () => crossing('h', r + 1, c);
      const left = () => crossing('v', r, c);
      const right = () => crossing('v', r, c + 1);
      switch (mask) {
        case 1: case 14: add(left(), bottom()); break;
        case 2: case 13: add(bottom(), right()); break;
        case 3: case 12: add(left(), right()); break;
        case 4: case 11: add(right(), top()); break;
        case 6: case 9: add(bottom(), top()); break;
        case 7: case 8: add(left(), top()); break;
        case 5: case 10: {
          // Opposite corners 00 and 11 are on one side; the centre decides whether they connect.
          const centreAbove = (v00 + v01 + v10 + v11) / 4 >= level;
          const diagonalAbove = mask === 5;
          if (centreAbove === diagonalAbove) {
            add(left(), top());
            add(bottom(), right());
          } else {
            add(left(), bottom());
            add(right(), top());
          }
          break;
        }
      }
    }
  }
  return joinSegments(segments);
}

/** Chain segments that share edge crossings into polylines. */
function joinSegments(segments: Segment[]): Point[][] {
  const byKey = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (const k of s.keys) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const used = new Uint8Array(segments.length);
  // From the crossing `key`, follow unused segments, returning the points reached and the last key.
  const walk = (key: string): { points: Point[]; end: string } => {
    const points: Point[] = [];
    let current = key;
    for (;;) {
      const next = (byKey.get(current) ?? []).find((i) => !used[i]);
      if (next === undefined) return { points, end: current };
      used[next] = 1;
      const s = segments[next]!;
      const far = s.keys[0] === current ? 1 : 0;
      points.push(s.points[far]);
      current = s.keys[far];
    }
  };
  const lines: Point[][] = [];
  segments.forEach((s, i) => {
    if (used[i]) return;
    used[i] = 1;
    const forward = walk(s.keys[1]);
    const line = [s.points[0], s.points[1], ...forward.points];
    if (forward.end !== s.keys[0]) line.unshift(...walk(s.keys[0]).points.reverse());
    lines.push(line);
  });
  return lines;
}
