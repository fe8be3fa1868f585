/**
 * PyTorch as a peer: Debian's python3-torch is installed for /usr/bin/python3, which may not be
 * the python3 on the PATH (e.g. a pyenv one); the first interpreter that imports torch is used.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TORCH_HINT = 'install Debian\'s python3-torch (apt-get install python3-torch) and it is found through /usr/bin/python3';

/** An interpreter with torch and its version, or why there is none. */
export function probeTorch(): { python: string; version: string } | { skipped: string } {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) return { python, version: r.stdout.trim() };
  }
  return { skipped: `PyTorch not found (python3 and /usr/bin/python3 cannot import torch); ${TORCH_HINT}` };
}

/** Runs a peer script next to this file with `python`, `job` as JSON on stdin; parses its JSON output. */
export function runTorchScript<T>(python: string, script: string, job: unknown, timeoutMs = 1_800_000): T {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const r = spawnSync(python, [file], { input: JSON.stringify(job), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${python} ${script} failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout) as T;
}
