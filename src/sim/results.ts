/**
 * Result files: every write goes to a temporary name in the same folder, is fsynced, then renamed,
 * so a file either exists complete or not at all.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { makeFolder } from './out-folder.js';

/** The summary of a successful run; written last, so an earlier one survives a failed run. */
export const SUMMARY_FILE = 'summary.json';

let tempCounter = 0;

/** Writes `data` to `path` atomically (temp file `<path>.tmp-<pid>-<n>`, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    // Node's message names the call, not the file (e.g. "ENOSPC: no space left on device, write")
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot write ${path}: ${e.code ? `${e.code}, ${e.message.replace(/^[A-Z]+: /, '')}` : e.message}; the earlier version of the file (if any) is intact`, { cause: err });
  }
}

function checkJson(value: unknown, at: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${at} is ${value}; JSON has no non-finite numbers, so nothing was written`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkJson(item, `${at}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`${at} is a ${value.constructor.name}, not JSON data (convert typed arrays with Array.from)`);
    }
    for (const [key, item] of Object.entries(value)) checkJson(item, `${at}.${key}`);
  } else if (typeof value !== 'string' && typeof value !== 'boolean' && value !== null) {
    throw new Error(`${at} is ${typeof value}, not JSON data`);
  }
}

/** Pretty JSON text of `value`; throws (naming the path, e.g. `metrics.loss[3]`) on NaN/±Infinity or non-JSON values. */
export function toJsonText(value: unknown, name: string): string {
  checkJson(value, name);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One simulation's output folder; records which files this run wrote. */
export class ResultFolder {
  readonly dir: string;
  readonly #written = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
    makeFolder(dir);
  }

  /** Files written so far, relative to the folder, in first-write order. */
  get files(): string[] {
    return [...this.#written];
  }

  /** Writes `relName` (may contain sub-folders) atomically; returns its path. */
  write(relName: string, data: string | Uint8Array): string {
    const rel = normalize(relName);
    if (relName === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
      throw new Error(`result file "${relName}" must be a relative path inside ${this.dir}`);
    }
    if (rel === SUMMARY_FILE) throw new Error(`result file "${SUMMARY_FILE}" is reserved for the run summary`);
    const path = join(this.dir, rel);
    makeFolder(dirname(path));
    writeFileAtomic(path, data);
    this.#written.add(rel);
    return path;
  }

  /** Writes summary.json; returns its path. */
  writeSummary(summary: unknown): string {
    const path = join(this.dir, SUMMARY_FILE);
    writeFileAtomic(path, toJsonText(summary, 'summary'));
    return path;
  }
}
