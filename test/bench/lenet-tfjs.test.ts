import { describe, expect, it } from 'vitest';
import type { Tensor4D } from '@tensorflow/tfjs';
import { conv2dOf } from '../../sims/bench/lenet.js';
import { loadTfjs, useBackend } from '../../sims/bench/peers/tfjs.js';
import { Rng } from '../../src/random/rng.js';

describe('LeNet-5 bench, TensorFlow.js peer', () => {
  it('the wasm backend trains conv2d as a depth-1 conv3d: same output and gradients as the cpu backend', async () => {
    const peer = await loadTfjs();
    if ('skipped' in peer || !peer.backends.includes('wasm')) return; // peer absent: nothing to check
    const tf = peer.tf;
    const rng = new Rng('test-lenet-tfjs');
    const xData = Float32Array.from(rng.fillNormal(new Float64Array(2 * 7 * 6 * 3)));
    const kData = Float32Array.from(rng.fillNormal(new Float64Array(3 * 3 * 3 * 4)));
    const run = (pad: 'same' | 'valid'): number[][] => {
      const conv = conv2dOf(peer);
      const x = tf.tensor4d(xData, [2, 7, 6, 3]);
      const k = tf.tensor4d(kData, [3, 3, 3, 4]);
      // loss Σ y²/2: its gradients exercise the input and the filter backward kernels
      const f = (a: Tensor4D, b: Tensor4D) => tf.sum(tf.square(conv(a, b, pad))).div(2);
      const [gx, gk] = tf.grads((a, b) => f(a as Tensor4D, b as Tensor4D))([x, k]);
      const out = [Array.from(conv(x, k, pad).dataSync()), Array.from(gx!.dataSync()), Array.from(gk!.dataSync())];
      tf.dispose([x, k, gx!, gk!]);
      return out;
    };
    for (const pad of ['same', 'valid'] as const) {
      expect(await useBackend(peer, 'cpu')).toBe(true);
      const want = run(pad);
      expect(await useBackend(peer, 'wasm')).toBe(true);
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined(); // why the conv3d path exists
      const got = run(pad);
      for (let i = 0; i < 3; i++) {
        expect(got[i]!.length).toBe(want[i]!.length);
        const scale = Math.max(...want[i]!.map(Math.abs));
        got[i]!.forEach((v, j) => expect(Math.abs(v - want[i]![j]!)).toBeLessThanOrEqual(1e-5 * scale));
      }
    }
  });
});
