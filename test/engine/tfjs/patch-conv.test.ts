/**
 * PatchConv against a direct double-precision convolution written out here (Keras' Conv1D/Conv2D with
 * stride 1: out[b, i, j, f] = bias[f] + Σ x[b, i + dy - top, j + dx - left, c] · K[dy, dx, c, f], zero outside,
 * with TensorFlow's SAME padding: top = floor((k - 1) / 2)), and against tf.conv2d's forward pass; and its
 * kernel gradient against the same sum differentiated by hand (Σ over b, i, j of x[...] · g[b, i, j, f]).
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { PatchConv } from '../../../src/engine/tfjs/patch-conv.js';
import { useWorkerBackend } from './backend.js';

/** Deterministic test values in [-1, 1]. */
const values = (n: number, phase: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + phase));

interface Case {
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly f: number;
  readonly k: number;
  readonly padding: 'valid' | 'same';
}

function reference(x: Float32Array, kernel: Float32Array, bias: Float32Array, batch: number, { h, w, c, f, k, padding }: Case, kh: number) {
  const top = padding === 'same' ? Math.floor((kh - 1) / 2) : 0;
  const left = padding === 'same' ? Math.floor((k - 1) / 2) : 0;
  const oh = padding === 'same' ? h : h - kh + 1;
  const ow = padding === 'same' ? w : w - k + 1;
  const out = new Float64Array(batch * oh * ow * f);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let o = 0; o < f; o++) {
          let s = bias[o]!;
          for (let dy = 0; dy < kh; dy++)
            for (let dx = 0; dx < k; dx++)
              for (let ch = 0; ch < c; ch++) {
                const y = i + dy - top;
                const xx = j + dx - left;
                if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                s += x[((b * h + y) * w + xx) * c + ch]! * kernel[((dy * k + dx) * c + ch) * f + o]!;
              }
          out[((b * oh + i) * ow + j) * f + o] = s;
        }
  return { out, oh, ow, top, left };
}

describe('PatchConv (convolution as a product over patches)', () => {
  useWorkerBackend();
  const cases: Case[] = [
    { h: 6, w: 7, c: 2, f: 3, k: 3, padding: 'valid' },
    { h: 6, w: 7, c: 2, f: 3, k: 3, padding: 'same' },
    { h: 5, w: 5, c: 1, f: 2, k: 2, padding: 'same' }, // even window: the extra padding goes after
    { h: 4, w: 4, c: 3, f: 1, k: 1, padding: 'valid' },
  ];
  for (const rank of [2, 1] as const) {
    for (const cs of cases) {
      const kh = rank === 1 ? 1 : cs.k;
      const h = rank === 1 ? 1 : cs.h;
      const shape = { ...cs, h };
      it(`conv${rank}d k=${cs.k} ${cs.padding}, ${h}×${cs.w}×${cs.c} → ${cs.f} filters: output and kernel gradient`, () => {
        const batch = 2;
        const x = values(batch * h * cs.w * cs.c, 0.3);
        const kernelValues = values(kh * cs.k * cs.c * cs.f, 1.1);
        const bias = values(cs.f, 2.0);
        const kernelShape = rank === 1 ? [cs.k, cs.c, cs.f] : [cs.k, cs.k, cs.c, cs.f];
        const layer = new PatchConv({ rank, filters: cs.f, kernelSize: cs.k, padding: cs.padding, weights: [tf.tensor(kernelValues, kernelShape), tf.tensor1d(bias)] });
        const input = rank === 1 ? tf.tensor3d(x, [batch, cs.w, cs.c]) : tf.tensor4d(x, [batch, h, cs.w, cs.c]);
        const got = (layer.apply(input) as tf.Tensor).dataSync();
        const { out, oh, ow, top, left } = reference(x, kernelValues, bias, batch, shape, kh);
        expect(got.length).to.equal(out.length);
        for (let i = 0; i < out.length; i++) expect(got[i]).to.be.closeTo(out[i]!, 1e-5);
        if (rank === 2 && cs.padding === 'valid') {
          const tfOut = tf.conv2d(input as tf.Tensor4D, tf.tensor4d(kernelValues, [cs.k, cs.k, cs.c, cs.f]), 1, 'valid').add(tf.tensor1d(bias)).dataSync();
          for (let i = 0; i < out.length; i++) expect(got[i]).to.be.closeTo(tfOut[i]!, 1e-5);
        }
        // d/dK of Σ out · g, with g fixed: Σ over b, i, j of x[b, i + dy - top, j + dx - left, c] · g[b, i, j, f].
        const g = values(out.length, 0.7);
        const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
        const dk = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, tf.tensor(g, rank === 1 ? [batch, ow, cs.f] : [batch, oh, ow, cs.f]))) as tf.Scalar, [kernel]).grads[kernel.name]!.dataSync();
        for (let dy = 0; dy < kh; dy++)
          for (let dx = 0; dx < cs.k; dx++)
            for (let ch = 0; ch < cs.c; ch++)
              for (let o = 0; o < cs.f; o++) {
                let s = 0;
                for (let b = 0; b < batch; b++)
                  for (let i = 0; i < oh; i++)
                    for (let j = 0; j < ow; j++) {
                      const y = i + dy - top;
                      const xx = j + dx - left;
                      if (y < 0 || y >= h || xx < 0 || xx >= cs.w) continue;
                      s += x[((b * h + y) * cs.w + xx) * cs.c + ch]! * g[((b * oh + i) * ow + j) * cs.f + o]!;
                    }
                expect(dk[((dy * cs.k + dx) * cs.c + ch) * cs.f + o]).to.be.closeTo(s, 1e-4);
              }
      });
    }
  }

  it('reports Keras output shapes', () => {
    expect(new PatchConv({ rank: 2, filters: 4, kernelSize: 3, padding: 'valid' }).computeOutputShape([null, 12, 10, 1])).to.deep.equal([null, 10, 8, 4]);
    expect(new PatchConv({ rank: 1, filters: 4, kernelSize: 3, padding: 'same' }).computeOutputShape([null, 20, 2])).to.deep.equal([null, 20, 4]);
  });
});
