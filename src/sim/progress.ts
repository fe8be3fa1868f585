/**
 * A one-line progress bar on stderr: label, bar, percent, count/total, elapsed and ETA.
 * Drawn only when the stream is a TTY, at most 10 times a second; silent otherwise.
 */

/** Where text goes: process.stdout / process.stderr, or a test double. */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Returned by `ctx.progress(label, total)`. */
export interface Progress {
  /** Advances by n (default 1) steps. */
  tick(n?: number): void;
  /** Draws the final state and ends the line. */
  done(): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\x1b[K';

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

export class ProgressBar implements Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #stream: TextSink;
  readonly #now: () => number;
  readonly #start: number;
  #count = 0;
  #lastDraw = -Infinity;
  #finished = false;

  constructor(label: string, total: number, stream: TextSink, now: () => number = () => performance.now()) {
    this.#label = label;
    this.#total = Math.max(0, total);
    this.#stream = stream;
    this.#now = now;
    this.#start = now();
  }

  tick(n = 1): void {
    this.#count = Math.min(this.#total, this.#count + n);
    if (this.#now() - this.#lastDraw >= REDRAW_MS) this.#draw();
  }

  done(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#draw();
    if (this.#stream.isTTY) this.#stream.write('\n');
  }

  /** Erases the bar so a log line can be printed; the next tick redraws it. */
  clear(): void {
    if (this.#stream.isTTY && !this.#finished) {
      this.#stream.write(CLEAR_LINE);
      this.#lastDraw = -Infinity;
    }
  }

  #draw(): void {
    if (!this.#stream.isTTY) return;
    const now = this.#now();
    this.#lastDraw = now;
    const fraction = this.#total === 0 ? 1 : this.#count / this.#total;
    const filled = Math.round(fraction * BAR_WIDTH);
    const elapsed = now - this.#start;
    const eta = fraction > 0 ? seconds((elapsed * (1 - fraction)) / fraction) : '?';
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    this.#stream.write(
      `${CLEAR_LINE}${this.#label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent} ` +
        `${this.#count}/${this.#total} ${seconds(elapsed)} eta ${eta}`,
    );
  }
}
