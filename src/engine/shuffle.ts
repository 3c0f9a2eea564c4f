/**
 * Batch order: one Fisher–Yates permutation of the training rows per epoch, drawn from the run's
 * shuffle stream, as Keras' fit(shuffle=True) reshuffles every epoch. Both engines call this, so
 * they see the same batches.
 */
import type { Xoshiro128 } from './rng/xoshiro128.js';

/** Overwrites `order` with a fresh random permutation of 0..order.length-1. */
export function shuffleInPlace(rng: Xoshiro128, order: Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
