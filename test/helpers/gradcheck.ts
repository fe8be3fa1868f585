import { expect } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { noGrad, Tensor } from '../../src/tensor/index.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
}

/**
 * PyTorch-style gradcheck in float64: L = Σ f(inputs) ⊙ R with a random non-uniform R, analytic
 * gradients from backward() against central differences (eps 1e-6, atol 1e-5, rtol 1e-3).
 * Returns the largest absolute error, for tests that want to see it.
 */
export function gradcheck(
  f: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  seed = 1,
  { eps = 1e-6, atol = 1e-5, rtol = 1e-3 }: GradcheckOptions = {},
): number {
  const rng = new Rng(`gradcheck-${seed}`);
  for (const x of inputs) {
    x.requiresGrad = true;
    x.zeroGrad();
  }
  const out = f(...inputs);
  const R = new Tensor(new Float64Array(out.size), out.shape.slice());
  rng.fillUniform(R.data, 0.5, 1.5);
  for (let i = 0; i < R.size; i++) if (rng.uniform() < 0.5) R.data[i] = -R.data[i]!;
  out.backward(R);
  const objective = (): number =>
    noGrad(() => {
      const o = f(...inputs);
      let s = 0;
      for (let i = 0; i < o.size; i++) s += o.data[i]! * R.data[i]!;
      return s;
    });
  let worst = 0;
  inputs.forEach((x, k) => {
    expect(x.grad, `input ${k} received no gradient`).not.toBeNull();
    const analytic = x.grad!.data;
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i]!;
      x.data[i] = orig + eps;
      const fp = objective();
      x.data[i] = orig - eps;
      const fm = objective();
      x.data[i] = orig;
      const numeric = (fp - fm) / (2 * eps);
      const err = Math.abs(analytic[i]! - numeric);
      worst = Math.max(worst, err);
      if (err > atol + rtol * Math.abs(numeric)) {
        throw new Error(`gradcheck: input ${k} [${x.shape}] element ${i}: analytic ${analytic[i]} vs numeric ${numeric}`);
      }
    }
  });
  return worst;
}
