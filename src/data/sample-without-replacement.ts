/**
 * sklearn.utils.random.sample_without_replacement(n_population, n_samples, method="auto", random_state=rng)
 * (scikit-learn 1.2, sklearn/utils/_random.pyx), which make_classification uses to pick hypercube vertices.
 * "auto" picks one of three algorithms from the ratio n_samples / n_population, and each draws differently.
 */
import type { RandomState } from './random-state.js';

/** `rng.randint(high)`, legacy RandomState: a masked-rejection integer in [0, high). */
function randint(rng: RandomState, high: number): number {
  return rng.interval(high - 1);
}

/** n_samples distinct integers from [0, n_population), in the order sklearn returns them. */
export function sampleWithoutReplacement(rng: RandomState, nPopulation: number, nSamples: number): number[] {
  if (!(Number.isInteger(nPopulation) && Number.isInteger(nSamples) && nSamples >= 0 && nSamples <= nPopulation)) {
    throw new RangeError(`sampleWithoutReplacement: expected 0 <= n_samples (${nSamples}) <= n_population (${nPopulation})`);
  }
  const ratio = nPopulation !== 0 ? nSamples / nPopulation : 1;
  // Permutation unless the ratio is below 0.01 or above 0.99.
  if (ratio > 0.01 && ratio < 0.99) return Array.from(rng.permutation(nPopulation).subarray(0, nSamples));
  // 0.2: sklearn's benchmarked switch between tracking selection and reservoir sampling.
  return ratio < 0.2 ? trackingSelection(rng, nPopulation, nSamples) : reservoirSampling(rng, nPopulation, nSamples);
}

/** Draw, and draw again while the draw was already selected (Python's random.sample). */
function trackingSelection(rng: RandomState, nPopulation: number, nSamples: number): number[] {
  const selected = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < nSamples; i++) {
    let j = randint(rng, nPopulation);
    while (selected.has(j)) j = randint(rng, nPopulation);
    selected.add(j);
    out.push(j);
  }
  return out;
}

/** Algorithm R: start with 0..n_samples-1, then let each later item replace a random slot. */
function reservoirSampling(rng: RandomState, nPopulation: number, nSamples: number): number[] {
  const out = Array.from({ length: nSamples }, (_, i) => i);
  for (let i = nSamples; i < nPopulation; i++) {
    const j = randint(rng, i + 1);
    if (j < nSamples) out[j] = i;
  }
  return out;
}
