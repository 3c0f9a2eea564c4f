/**
 * AlphaDropout's constants (Klambauer et al. 2017, "Self-Normalizing Neural Networks"), shared by the tfjs
 * engine's seeded layer and the fused engine's noise kernel: dropped elements take SELU's negative saturation
 * α' = -λα, then a·x + b restores zero mean and unit variance for standardized inputs.
 */

/** SELU's α (Klambauer et al. 2017, eq. 14). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU's λ (Klambauer et al. 2017, eq. 14). */
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** The value dropped elements take before the affine correction: α' = -λα. */
export const ALPHA_PRIME = -SELU_ALPHA * SELU_SCALE;

/** The affine correction (a, b) for a drop rate. */
export function alphaDropoutAffine(rate: number): { a: number; b: number } {
  const a = ((1 - rate) * (1 + rate * ALPHA_PRIME ** 2)) ** -0.5;
  return { a, b: -a * ALPHA_PRIME * rate };
}
