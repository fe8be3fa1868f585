/** Up-front memory refusal: a run whose estimate exceeds the machine's memory does not start. */
import { totalmem } from 'node:os';
import type { ParamValue, Simulation } from './define.js';
import { ParameterError } from './params.js';

/** The memory this process may use: the machine's, or its cgroup limit when that is lower. */
export function machineMemoryBytes(): number {
  const total = totalmem();
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < total ? constrained : total;
}

/** A byte count as GiB or MiB with two decimals. */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(2)} MiB`;
}

/**
 * Throws a ParameterError (exit code 2, nothing written) when the simulation's memory estimate for
 * `params` is above `available` bytes; does nothing for simulations without an estimate.
 */
export function checkMemory(sim: Simulation, params: Readonly<Record<string, ParamValue>>, available: number): void {
  if (sim.estimateMemory === undefined) return;
  const need = sim.estimateMemory(params);
  if (!Number.isFinite(need) || need < 0) throw new Error(`${sim.name}: estimateMemory returned ${need}, not a number of bytes`);
  if (need > available) {
    throw new ParameterError(
      `${sim.name}: these parameters need an estimated ${formatBytes(need)} of memory, more than the ${formatBytes(available)} this machine has; choose smaller sizes`,
    );
  }
}
