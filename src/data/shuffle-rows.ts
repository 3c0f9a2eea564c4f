/**
 * sklearn.utils.shuffle(X, y, random_state=rng) (resample with replace=False): indices = arange(n),
 * rng.shuffle(indices), then X[indices], y[indices]. The generators that end with a row shuffle share it.
 */
import type { RandomState } from './random-state.js';

/** Rows of X (n × width, row-major) and y in the order sklearn's shuffle gives them; draws from `rng`. */
export function shuffleRows<Y extends Int32Array | Float64Array>(rng: RandomState, X: Float64Array, width: number, y: Y): { X: Float64Array; y: Y } {
  const n = y.length;
  const order = rng.permutation(n);
  const outX = new Float64Array(X.length);
  const outY = y.slice() as Y;
  for (let row = 0; row < n; row++) {
    const src = order[row]!;
    outX.set(X.subarray(src * width, src * width + width), row * width);
    outY[row] = y[src]!;
  }
  return { X: outX, y: outY };
}
