let enabled = true;

/** Whether ops currently record the graph for backward(). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` with graph recording switched off (like torch.no_grad): results of ops inside have
 * requiresGrad = false and keep no parents. Restores the previous mode even if `fn` throws.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
