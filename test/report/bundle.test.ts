import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../src/lae/losses.js';
import * as scalar from '../../src/lae/theory/scalar.js';
import { browserSafe } from '../../src/report/bundle.js';

describe('the explorer bundle', () => {
  it('bundled for the browser, src/lae/theory/scalar.ts computes what it computes in Node', async () => {
    const entry = fileURLToPath(new URL('../../src/lae/theory/scalar.ts', import.meta.url));
    const out = await build({
      entryPoints: [entry], bundle: true, format: 'iife', globalName: 'scalarTheory', platform: 'browser', target: 'es2020',
      write: false, logLevel: 'silent', plugins: [browserSafe],
    });
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/worker_threads|process\.env|kernels\.wasm/);
    const sandbox: { scalarTheory?: typeof scalar } = {};
    runInNewContext(`${code}\nthis.scalarTheory = scalarTheory;`, sandbox);
    const bundled = sandbox.scalarTheory!;
    for (const kind of LOSS_KINDS) {
      for (const lambda of [0.5, 1, 4, 6]) {
        // Identical critical sets, losses, gradients and Hessian eigenvalues.
        const b = bundled.scalarCriticalPoints(kind, 4, lambda);
        const n = scalar.scalarCriticalPoints(kind, 4, lambda);
        expect(b.curves).toEqual(n.curves);
        expect(b.points.map((p) => [p.w1, p.w2, p.type, p.loss])).toEqual(n.points.map((p) => [p.w1, p.w2, p.type, p.loss]));
        b.points.forEach((p, i) => p.hessianEigenvalues.forEach((v, j) => expect(v).toBeCloseTo(n.points[i]!.hessianEigenvalues[j]!, 12)));
        for (const [w1, w2] of [[0.3, -1.1], [1.2, 0.9]] as const) {
          expect(bundled.scalarLoss(kind, 4, lambda, w1, w2)).toBe(scalar.scalarLoss(kind, 4, lambda, w1, w2));
          expect(bundled.scalarGradient(kind, 4, lambda, w1, w2)).toEqual(scalar.scalarGradient(kind, 4, lambda, w1, w2));
          const e = bundled.scalarHessianEigenvalues(kind, 4, lambda, w1, w2);
          const f = scalar.scalarHessianEigenvalues(kind, 4, lambda, w1, w2);
          expect(e[0]).toBeCloseTo(f[0], 10);
          expect(e[1]).toBeCloseTo(f[1], 10);
        }
      }
    }
  });
});
