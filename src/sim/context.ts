/** What `run(ctx)` receives: its parameters, the seed and generator, progress, and result writers. */
import type { JsonValue, ParamValue } from './define.js';
import { ProgressBar, type Progress, type TextSink } from './progress.js';
import { toJsonText, type ResultFolder } from './results.js';
import type { Rng } from '../random/rng.js';

/** The context a simulation's run(ctx) receives. */
export interface RunContext<P = Record<string, ParamValue>> {
  /** Parsed parameters: explicit flags, else the full preset under `--full`, else the quick default. */
  readonly params: Readonly<P>;
  readonly seed: number;
  /** True under `--full`. */
  readonly full: boolean;
  /** `<out>/<simulation name>`; created before `run` starts. */
  readonly outDir: string;
  /** Seeded from `seed`; the only source of randomness a simulation may use. */
  readonly rng: Rng;
  /** A progress bar on stderr (drawn only on a TTY). */
  progress(label: string, total: number): Progress;
  /** Writes JSON atomically into outDir; throws on NaN/±Infinity. Returns the file's path. */
  writeJson(relName: string, value: JsonValue): string;
  /** Writes PNG bytes atomically into outDir. Returns the file's path. */
  writePng(relName: string, png: Uint8Array): string;
  /** Writes text atomically into outDir. Returns the file's path. */
  writeText(relName: string, text: string): string;
  /** Prints a line to stdout (erasing any progress bar first). */
  log(message: string): void;
}

export interface ContextInput<P> {
  readonly params: P;
  readonly seed: number;
  readonly full: boolean;
  readonly folder: ResultFolder;
  readonly rng: Rng;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

export function createRunContext<P>(input: ContextInput<P>): RunContext<P> {
  const { folder, stdout, stderr } = input;
  const bars = new Set<ProgressBar>();
  return {
    params: input.params,
    seed: input.seed,
    full: input.full,
    outDir: folder.dir,
    rng: input.rng,
    progress: (label, total) => {
      const bar = new ProgressBar(label, total, stderr);
      bars.add(bar);
      return {
        tick: (n) => bar.tick(n),
        done: () => {
          bar.done();
          bars.delete(bar);
        },
      };
    },
    writeJson: (relName, value) => folder.write(relName, toJsonText(value, relName)),
    writePng: (relName, png) => folder.write(relName, png),
    writeText: (relName, text) => folder.write(relName, text),
    log: (message) => {
      for (const bar of bars) bar.clear();
      stdout.write(`${message}\n`);
    },
  };
}
