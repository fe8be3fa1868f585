import type { Rng } from '../random/rng.js';
import { rand, type Tensor } from '../tensor/index.js';
import type { Activation } from './activation.js';

/**
 * Half-width s of the uniform initialisation U(−s, s) of a fan_in → fan_out weight matrix:
 * He (√(6/fan_in)) for relu, Glorot (√(6/(fan_in + fan_out))) otherwise.
 */
export function initHalfWidth(fanIn: number, fanOut: number, activation: Activation): number {
  return activation === 'relu' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
}

/** Uniform U(−s, s) values of `shape` from the seeded generator. */
export function uniformInit(shape: readonly [number, number], halfWidth: number, rng: Rng): Tensor {
  return rand(shape, rng, -halfWidth, halfWidth);
}
