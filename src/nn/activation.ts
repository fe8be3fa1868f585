import type { Tensor } from '../tensor/index.js';

/** The activation functions of a dense layer. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** h = f(a) elementwise (an autograd op; `linear` returns `a` itself). */
export function activate(a: Tensor, f: Activation): Tensor {
  switch (f) {
    case 'relu':
      return a.relu();
    case 'tanh':
      return a.tanh();
    case 'sigmoid':
      return a.sigmoid();
    case 'linear':
      return a;
  }
}

/** Throws unless `f` names an activation. */
export function checkActivation(f: string): Activation {
  if (!(ACTIVATIONS as readonly string[]).includes(f)) throw new RangeError(`activation "${f}" is not one of ${ACTIVATIONS.join(', ')}`);
  return f as Activation;
}
