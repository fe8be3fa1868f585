/** Path parameters: `~/` expansion, resolution to an absolute path and the existence check. */
import { statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `raw` as an absolute path; a leading `~` or `~/` is the home folder (shells leave `--x=~/d` alone). */
export function resolvePath(raw: string): string {
  const expanded = raw === '~' ? homedir() : raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw;
  return resolve(expanded);
}

/** Why `path` is not an existing folder (`dir`) or file (`file`); undefined when it is. */
export function existenceProblem(path: string, mustExist: 'dir' | 'file'): string | undefined {
  let stats: Stats | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTDIR') return `cannot be read: ${code ?? (err as Error).message}`;
  }
  if (stats === undefined) return 'no such file or folder';
  if (mustExist === 'dir' && !stats.isDirectory()) return stats.isFile() ? 'it is a file' : 'not a folder';
  if (mustExist === 'file' && !stats.isFile()) return stats.isDirectory() ? 'it is a folder' : 'not a regular file';
  return undefined;
}
