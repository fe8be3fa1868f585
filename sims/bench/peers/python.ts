/**
 * NumPy / SciPy peers through a python3 subprocess: the script reads a JSON job on stdin and
 * prints a JSON result on stdout. Absent python3, NumPy or SciPy, the peer is skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PythonInfo {
  numpy: string;
  scipy: string | null;
  /** BLAS the NumPy build uses, as far as NumPy reports it. */
  blas: string;
  /** OPENBLAS_CORETYPE etc. when set (they change what OpenBLAS does on this machine). */
  env: Record<string, string>;
}

/** Versions of NumPy/SciPy, or a reason they are unavailable. */
export function probePython(): { info: PythonInfo } | { skipped: string } {
  const probe = `
import json, os
import numpy
try:
    import scipy
    sv = scipy.__version__
except Exception:
    sv = None
blas = 'unknown'
try:
    cfg = numpy.show_config(mode='dicts')
    b = cfg.get('Build Dependencies', {}).get('blas', {})
    blas = f"{b.get('name', '?')} {b.get('version', '')}".strip()
except Exception:
    pass
env = {k: v for k, v in os.environ.items() if k.startswith('OPENBLAS') or k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS')}
print(json.dumps({'numpy': numpy.__version__, 'scipy': sv, 'blas': blas, 'env': env}))
`;
  const r = spawnSync('python3', ['-c', probe], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { skipped: `python3 not runnable (${r.error.message})` };
  if (r.status !== 0) return { skipped: `python3 has no NumPy (${(r.stderr || '').trim().split('\n').pop() ?? ''})` };
  return { info: JSON.parse(r.stdout) as PythonInfo };
}

/**
 * Runs one of the scripts next to this file with `job` as JSON on stdin, by the interpreter
 * `python` (default: python3 on the PATH); parses its JSON output.
 */
export function runPythonScript<T>(script: string, job: unknown, timeoutMs = 1_800_000, env: Record<string, string> = {}, python = 'python3'): T {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const r = spawnSync(python, [file], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${python} ${script} failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout) as T;
}
