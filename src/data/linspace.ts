/**
 * `np.linspace(start, stop, num, endpoint)` with numpy's own arithmetic (numpy/core/function_base.py):
 * y[i] = i·step + start with step = (stop - start)/div, div = num - 1 (endpoint) or num, and the last
 * point set to `stop` exactly when endpoint is on. With div = 0 (one point, endpoint on) y = [start].
 * The order of operations matters: i·step + start is not always equal to start + i·(stop - start)/div.
 */
export function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = delta / div;
  const y = new Float64Array(num);
  for (let i = 0; i < num; i++) {
    // numpy: y = arange(num) * step (or /div * delta for a denormal step, or * delta when div is 0), then += start.
    const scaled = div <= 0 ? i * delta : step === 0 ? (i / div) * delta : i * step;
    y[i] = scaled + start;
  }
  if (endpoint && num > 1) y[num - 1] = stop;
  return y;
}
