/**
 * The results folder (--out): created level by level and checked before anything runs.
 * Node 20's mkdirSync(p, { recursive: true }) spins forever under /proc (it retries ENOENT/EEXIST
 * in a loop), so no folder of the results tree is made with it: `makeFolder` creates each missing
 * level with one plain mkdirSync, which fails at once where a level cannot be made.
 */
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, realpathSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ParameterError } from './params.js';
import { resolvePath } from './paths.js';

/** File systems that hold no results (kernel interfaces, not storage). */
const PSEUDO_FS = new Set(['proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'configfs', 'fusectl', 'mqueue', 'hugetlbfs', 'binfmt_misc', 'autofs', 'efivarfs']);
/** Refused by path as well: the mount table can be unreadable, and /sys may hold tmpfs mounts. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** Raised when a folder cannot be made; the message is one line naming the level and the reason. */
export class FolderError extends Error {
  override readonly name = 'FolderError';
}

const reason = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : String(e.message ?? err);
};

/** The deepest existing ancestor of an absolute path (the path itself if it exists). */
function deepestExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/** The file-system type mounted at the longest mount point containing `path`, if the table is readable. */
function fileSystemType(path: string): string | undefined {
  let table: string;
  try {
    table = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  let best = '';
  let type: string | undefined;
  for (const line of table.split('\n')) {
    const f = line.split(' ');
    const dash = f.indexOf('-');
    if (f.length < 5 || dash < 0) continue;
    const mount = f[4]!.replace(/\\040/g, ' ');
    const inside = path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && mount.length >= best.length) {
      best = mount;
      type = f[dash + 1];
    }
  }
  return type;
}

/** Why `path` (absolute) lies on a pseudo file system, or undefined. */
function pseudoProblem(path: string): string | undefined {
  let real = deepestExisting(path);
  try {
    real = realpathSync(real);
  } catch {
    // an unreadable ancestor: judged by the path as given
  }
  const shm = real === '/dev/shm' || real.startsWith('/dev/shm/'); // POSIX shared memory: a real tmpfs
  for (const root of PSEUDO_ROOTS) if (!shm && (real === root || real.startsWith(`${root}/`))) return `it is on the ${root} pseudo file system, which holds no files`;
  const type = fileSystemType(real);
  if (type !== undefined && PSEUDO_FS.has(type)) return `it is on a ${type} pseudo file system, which holds no files`;
  return undefined;
}

/**
 * Creates `path` and any missing parent levels, one plain mkdirSync each (never the recursive call,
 * which can spin). On failure the levels made here are removed again and a FolderError names the
 * level and the reason.
 */
export function makeFolder(path: string): void {
  const missing: string[] = [];
  for (let p = path; !existsSync(p); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  const made: string[] = [];
  try {
    for (const level of missing) {
      try {
        mkdirSync(level);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new FolderError(`cannot create ${level} (${reason(err)})`);
      }
      if (!statSync(level).isDirectory()) throw new FolderError(`${level} exists and is not a folder`);
      made.push(level);
    }
    if (!statSync(path).isDirectory()) throw new FolderError(`${path} exists and is not a folder`);
  } catch (err) {
    for (const level of made.reverse()) rmdirSync(level);
    throw err instanceof FolderError ? err : new FolderError(`cannot create ${path} (${reason(err)})`);
  }
}

/**
 * Validates a results folder before anything runs and returns its absolute path: it must be a
 * folder or creatable, not on a pseudo file system, and writable (a probe file is created and
 * removed, so the check holds for root and other users alike). Throws a ParameterError (exit 2)
 * whose one-line message names the flag, the path and the reason; nothing is left behind when it
 * fails.
 */
export function checkOutputFolder(raw: string, flag = '--out'): string {
  const path = resolvePath(raw);
  const fail = (why: string): never => {
    throw new ParameterError(`${flag} ${raw}: ${why}`);
  };
  if (raw.trim() === '') fail('empty path (give a folder)');
  const pseudo = pseudoProblem(path);
  if (pseudo !== undefined) fail(pseudo);
  const existed = existsSync(path);
  if (existed) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      fail(`cannot be read (${reason(err)})`);
    }
    if (!isDir) fail('it exists and is not a folder');
  } else {
    try {
      makeFolder(path);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  const probe = join(path, `.laelab-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (err) {
    if (!existed) rmdirSync(path);
    fail(`not writable (${reason(err)})`);
  }
  return path;
}
