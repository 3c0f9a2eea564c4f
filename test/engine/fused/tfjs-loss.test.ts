import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { FusedNet } from '../../../src/engine/fused/net.js';

/**
 * The output gradient the fused engine uses, dL/do = (p - y) / batch inside the clip and 0 outside, against
 * tfjs' own autodiff of what the tfjs engine minimizes: mean(tf.metrics.binaryCrossentropy(y, sigmoid(o))).
 * Logits avoid the float32/float64 boundary of the clip (|o| ≈ 16.12), where the two may decide differently.
 */
describe('engine/fused: loss gradient against tfjs autodiff', () => {
  const logits = [-30, -16.8, -15.5, -4, -0.3, 0, 0.7, 5, 15.5, 16.8, 30];
  for (const label of [0, 1]) {
    it(`label ${label}, logits from -30 to 30 (clipped beyond ±16.12)`, () => {
      const n = logits.length;
      const sizes = [1, 1, 1];
      const net = new FusedNet({ sizes, activation: 'linear', noise: { input: 0, pre: 0, post: 0 }, maxRows: n });
      // input x = logit, identity hidden layer and output weight 1: o = x.
      net.setWeights([Float32Array.of(1), Float32Array.of(1)], [Float32Array.of(0), Float32Array.of(0)]);
      const order = Int32Array.from(logits.keys());
      const y = new Float32Array(n).fill(label);
      // Per-row output gradients, from the output bias gradient of one-row batches.
      const ours = logits.map((_, r) => {
        net.forward(Float32Array.from(logits), order, r, 1, null);
        net.backward(y, order, r);
        return net.grads[net.grads.length - 1]! / n; // one-row batch: (p - y) / 1, scaled to the n-row mean
      });
      const theirs = tf.tidy(() => {
        const o = tf.tensor2d(logits, [n, 1]);
        const yt = tf.tensor2d(Array.from(y), [n, 1]);
        return tf.grad((v: tf.Tensor) => tf.mean(tf.metrics.binaryCrossentropy(yt, tf.sigmoid(v))))(o).dataSync();
      });
      logits.forEach((o, r) => expect(ours[r], `logit ${o}`).to.be.closeTo(theirs[r]!, 1e-7 / n + 1e-6 * Math.abs(theirs[r]!)));
    });
  }
});
