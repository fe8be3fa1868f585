/**
 * TensorFlow.js peers: the `cpu` backend (plain JavaScript) and the `wasm` backend (XNNPACK,
 * SIMD, from the package's own .wasm files; no native download). Both compute in float32.
 * Loaded lazily so `npm run bench -- --help` stays quick; missing packages skip the peer.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export type Tf = typeof import('@tensorflow/tfjs');

export interface TfjsPeer {
  tf: Tf;
  version: string;
  /** Backends that initialised here: subset of ['cpu', 'wasm']. */
  backends: string[];
  notes: string[];
}

let loaded: Promise<TfjsPeer | { skipped: string }> | undefined;

export function loadTfjs(): Promise<TfjsPeer | { skipped: string }> {
  loaded ??= (async () => {
    let tf: Tf;
    try {
      tf = await import('@tensorflow/tfjs');
    } catch (err) {
      return { skipped: `@tensorflow/tfjs not installed (${(err as Error).message})` };
    }
    // production mode: skips tfjs's debug checks (its fastest setting) and its console banner
    tf.enableProdMode();
    const notes: string[] = [];
    const backends: string[] = [];
    if (await tf.setBackend('cpu')) backends.push('cpu');
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const require = createRequire(import.meta.url);
      const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
      wasm.setWasmPaths(dist);
      if (await tf.setBackend('wasm')) {
        backends.push('wasm');
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
        notes.push(`tfjs wasm backend: SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off (single-threaded in Node)'}`);
      }
    } catch (err) {
      notes.push(`tfjs wasm backend unavailable: ${(err as Error).message}`);
    }
    notes.push('TensorFlow.js computes in float32 (prod mode); NumPy in float64; laelab in float64, and in float32 in its float32 columns');
    return { tf, version: tf.version.tfjs, backends, notes };
  })();
  return loaded;
}

/** Switches the global tfjs backend; true when it is now active. */
export async function useBackend(peer: TfjsPeer, name: string): Promise<boolean> {
  if (!peer.backends.includes(name)) return false;
  await peer.tf.setBackend(name);
  await peer.tf.ready();
  return peer.tf.getBackend() === name;
}
