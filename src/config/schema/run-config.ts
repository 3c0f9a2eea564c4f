/**
 * The effective configuration of one run (RunConfig): what the plan resolves a study into and a worker trains.
 */
import type { DataSpec } from './data.js';
import type { EvalSpec } from './eval.js';
import type { ModelSpec } from './model.js';
import type { NoiseSite, NoiseSpec } from './noise.js';
import type { TrainSpec } from './train.js';

/**
 * What one run needs, and all it needs: the part of a study that changes its numbers.
 * Its canonical JSON (with the repeat index) is the run's identity.
 */
export interface RunConfig {
  readonly studySeed: number;
  readonly data: DataSpec;
  readonly model: ModelSpec;
  readonly train: Omit<TrainSpec, 'history'>;
  /** mask: present only when the model has a masking layer (else it changes nothing). */
  readonly noise: { readonly kind: NoiseSpec['kind']; readonly sites: readonly NoiseSite[]; readonly mask?: boolean };
  readonly eval: EvalSpec;
  /** Record a learning curve every k epochs (0: off). Not part of the identity: it does not change the numbers. */
  readonly historyEvery: number;
}
