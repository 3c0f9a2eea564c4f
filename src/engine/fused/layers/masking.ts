/**
 * Keras' Masking layer over a batch of [steps, features] rows: a step is masked when every feature equals
 * maskValue; the layer passes unmasked steps on unchanged and masked ones as zeros (Keras and tfjs multiply by
 * the mask), and hands the step mask to the layers after it (the LSTM skips masked steps).
 */

/** mask[r·T + t] = 1 when step t of row r has a feature other than maskValue; out = x on those steps, else 0. */
export function maskingForward(steps: number, features: number, maskValue: number, x: Float64Array, rows: number, out: Float64Array, mask: Uint8Array): void {
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < steps; t++) {
      const o = (r * steps + t) * features;
      let keep = 0;
      for (let k = 0; k < features; k++) if (x[o + k] !== maskValue) keep = 1;
      mask[r * steps + t] = keep;
      for (let k = 0; k < features; k++) out[o + k] = keep ? x[o + k]! : 0;
    }
  }
}

/** dX = dOut on unmasked steps, 0 on masked ones. */
export function maskingBackward(steps: number, features: number, dOut: Float64Array, rows: number, mask: Uint8Array, dX: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < steps; t++) {
      const o = (r * steps + t) * features;
      const keep = mask[r * steps + t]!;
      for (let k = 0; k < features; k++) dX[o + k] = keep ? dOut[o + k]! : 0;
    }
  }
}

/** mask[r·T + t] = 1 when step t of row r has a feature other than maskValue (the mask maskingForward finds). */
export function computeStepMask(steps: number, features: number, maskValue: number, x: Float64Array, rows: number, mask: Uint8Array): void {
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < steps; t++) {
      const o = (r * steps + t) * features;
      let keep = 0;
      for (let k = 0; k < features; k++) if (x[o + k] !== maskValue) keep = 1;
      mask[r * steps + t] = keep;
    }
  }
}
