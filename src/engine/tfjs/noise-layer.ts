/** The noise layer for a site of a given kind, all drawing from one NoiseSource. */
import type { NoiseKind, NoiseSite } from '../../config/schema.js';
import { SeededAlphaDropout } from './seeded-alpha-dropout.js';
import { SeededDropout } from './seeded-dropout.js';
import { SeededGaussianDropout } from './seeded-gaussian-dropout.js';
import { type NoiseSource, SeededGaussianNoise, type SeededNoiseLayer } from './seeded-noise.js';

/** A seeded layer applying `kind` noise with the site's stddev (gaussian) or rate (the dropout kinds). */
export function noiseLayer(kind: NoiseKind, site: NoiseSite, source: NoiseSource, name: string): SeededNoiseLayer {
  const rate = site.rate ?? 0;
  switch (kind) {
    case 'gaussian':
      return new SeededGaussianNoise({ stddev: site.stddev, source, name });
    case 'gaussianDropout':
      return new SeededGaussianDropout({ rate, source, name });
    case 'alphaDropout':
      return new SeededAlphaDropout({ rate, source, name });
    case 'dropout':
      return new SeededDropout({ rate, source, name });
  }
}
