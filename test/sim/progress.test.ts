import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/sim/progress.js';
import { Capture } from './toy.js';

describe('ProgressBar', () => {
  it('writes nothing when the stream is not a TTY', () => {
    const stream = new Capture(false);
    const bar = new ProgressBar('train', 10, stream);
    for (let i = 0; i < 10; i++) bar.tick();
    bar.done();
    expect(stream.text).toBe('');
  });

  it('redraws at most every 100 ms and shows label, percent, count, elapsed and ETA', () => {
    const stream = new Capture(true);
    let now = 0;
    const bar = new ProgressBar('train', 4, stream, () => now);
    bar.tick(); // first draw
    now = 50;
    bar.tick(); // throttled
    now = 1000;
    bar.tick();
    const draws = stream.text.split('\r\x1b[K').filter(Boolean);
    expect(draws).toHaveLength(2);
    expect(draws[1]).toBe('train [##################......]  75% 3/4 1.0s eta 0.3s');
    bar.done(); // draws the final state (even if the run stopped early) and ends the line
    expect(stream.text.endsWith(' 3/4 1.0s eta 0.3s\n')).toBe(true);
  });
});
