/**
 * The ceiling of WebAssembly SIMD float64 arithmetic on this machine: one core running twelve
 * independent f64x2 multiply-add chains (fused where the relaxed-SIMD build runs) with no memory
 * traffic. A gemm cannot beat it, so it says how much of the machine the wasm gemm uses and why a
 * 256-bit BLAS (AVX2 FMA: twice the lanes per instruction) stays ahead.
 */
import { wasmRuntime } from '../../src/tensor/kernels/index.js';

const CHAINS = 12;

function peakWat(fused: boolean): string {
  const locals = Array.from({ length: CHAINS }, (_, i) => `(local $c${i} v128)`).join(' ');
  const init = Array.from({ length: CHAINS }, (_, i) => `(local.set $c${i} (f64x2.splat (f64.const ${i + 1})))`).join('\n    ');
  // c ← c·a + b: a dependent multiply-add per chain and step (a < 1 keeps the values finite)
  const step = Array.from({ length: CHAINS }, (_, i) =>
    fused
      ? `(local.set $c${i} (f64x2.relaxed_madd (local.get $c${i}) (local.get $a) (local.get $b)))`
      : `(local.set $c${i} (f64x2.add (f64x2.mul (local.get $c${i}) (local.get $a)) (local.get $b)))`,
  ).join('\n      ');
  let sum = '(local.get $c0)';
  for (let i = 1; i < CHAINS; i++) sum = `(f64x2.add ${sum} (local.get $c${i}))`;
  return `(module (func (export "run") (param $n i32) (result f64) (local $a v128) (local $b v128) ${locals}
    (local.set $a (f64x2.splat (f64.const 0.999999))) (local.set $b (f64x2.splat (f64.const 1e-9)))
    ${init}
    (loop $l
      ${step}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (f64x2.extract_lane 0 ${sum})))`;
}

interface PeakInstance {
  run(n: number): number;
}

/** GFLOP/s of the probe on the calling thread (best of `reps`), or null without wasm SIMD / wabt. */
export async function wasmSimdCeiling(reps = 5): Promise<{ gflops: number; fused: boolean } | null> {
  const rt = wasmRuntime(2); // also switches relaxed SIMD on where the engine needs the flag
  if (rt === null) return null;
  const fused = rt.variant === 'relaxed-simd';
  try {
    const { default: wabtInit } = await import('wabt');
    const wabt = await wabtInit();
    const mod = wabt.parseWat('ceiling.wat', peakWat(fused), { simd: true, relaxed_simd: fused });
    const bytes = mod.toBinary({}).buffer;
    mod.destroy();
    const wa = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: PeakInstance } }> } }).WebAssembly;
    const { instance } = await wa.instantiate(bytes);
    const steps = 5_000_000;
    instance.exports.run(steps); // tier-up
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      instance.exports.run(steps);
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return { gflops: (steps * CHAINS * 4) / best / 1e9, fused };
  } catch {
    return null;
  }
}
