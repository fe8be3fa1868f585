/**
 * Leaves no temporary files behind when a run is killed. A result file is written to
 * `<name>.tmp-<pid>-<n>`, fsynced and renamed (results.ts), all synchronously. Ctrl-C or SIGTERM
 * stop the process at once, even inside a long synchronous training loop (no JS handler could run
 * there; under tsx, which `npm run sim` uses, the tsx parent even SIGKILLs its child when it does
 * not exit within 60 ms), so no cleanup can run in the process itself, and a kill that lands
 * between a write and its rename would leave the temporary file.
 *
 * So each run starts a janitor: a tiny detached Node process (its own process group, so a Ctrl-C in
 * the terminal does not reach it) holding a pipe from the run's process. When the run ends, the
 * run tells it so and it exits; when the pipe closes without that word (the process died: SIGINT,
 * SIGTERM, SIGKILL, out of memory, a crash), it deletes this process's temporary files from the
 * run folder. Completed files are never touched, so an earlier summary.json stays as it was.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** The janitor's program (plain CommonJS for `node -e`): argv = [dir, pid]. */
const JANITOR = `
const { readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const [dir, pid] = process.argv.slice(1);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
let released = false;
let text = '';
const finish = () => {
  if (!released) {
    const temp = new RegExp('\\\\.tmp-' + pid + '-\\\\d+$');
    let files = [];
    try { files = readdirSync(dir, { recursive: true, encoding: 'utf8' }); } catch {}
    for (const f of files) if (temp.test(f)) { try { rmSync(join(dir, f), { force: true }); } catch {} }
  }
  process.exit(0);
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { text += chunk; if (text.includes('released')) released = true; });
process.stdin.on('end', finish);
process.stdin.on('error', finish);
`;

/** A started janitor; `release()` when the run has ended (successfully or with an error). */
export interface Janitor {
  release(): void;
}

/**
 * Starts the janitor of `dir` for this process (best effort: when it cannot be started the run
 * goes on without it). It never keeps the process alive.
 */
export function startJanitor(dir: string): Janitor {
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['NODE_OPTIONS'];
    const child = spawn(process.execPath, ['-e', JANITOR, dir, String(process.pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
      env,
    });
    child.on('error', () => {});
    child.unref();
    const pipe = child.stdin as Socket | null;
    pipe?.on('error', () => {});
    pipe?.unref();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        pipe?.end('released\n');
      },
    };
  } catch {
    return { release: () => {} };
  }
}
