/**
 * Study → the effective configuration of its runs (RunConfig): noise placements and stddevs resolved into
 * sites in network order, zero-stddev sites dropped (they add nothing), and `train.engine: auto` resolved.
 * Two studies that train the same way resolve to the same RunConfig, which is what de-duplication relies on.
 */
import { inputError } from '../errors.js';
import { PLACEMENTS, type NoiseSite, type Placement, type RunConfig, type Study } from '../config/schema.js';
import { chooseEngine } from '../engine/support.js';

/** The placements a noise spec asks for, in network order (input, pre, post), without 'none'. */
export function placementsOf(placement: Study['noise']['placement'], where: string): Placement[] {
  const list = Array.isArray(placement) ? placement : [placement];
  if (list.includes('none') && list.length > 1) throw inputError(where, 'noise.placement', '"none" alone, not in a list with other placements', list);
  const set = new Set(list);
  return PLACEMENTS.filter((p) => set.has(p));
}

/** Noise sites of a study: one per placement with its stddev; sites with stddev 0 are left out. */
export function noiseSites(noise: Study['noise'], where: string): NoiseSite[] {
  const sites: NoiseSite[] = [];
  for (const placement of placementsOf(noise.placement, where)) {
    const stddev = typeof noise.stddev === 'number' ? noise.stddev : noise.stddev[placement];
    if (stddev === undefined) {
      const given = Object.keys(noise.stddev).join(', ') || 'none';
      throw inputError(where, 'noise.stddev', `a stddev for placement "${placement}" (given for: ${given})`);
    }
    if (stddev > 0) sites.push({ placement, stddev });
  }
  return sites;
}

/** The effective configuration of every run of a (single-point) study. */
export function resolveRunConfig(study: Study, where: string): RunConfig {
  const { history, engine: requested, ...train } = study.train;
  const noise = { kind: study.noise.kind, sites: noiseSites(study.noise, where) };
  const chosen = chooseEngine({ model: study.model, noise, train: { ...train, engine: requested } }, requested);
  if ('error' in chosen) throw inputError(where, 'train.engine', chosen.error, requested);
  return {
    studySeed: study.seed,
    data: study.data,
    model: study.model,
    train: { ...train, engine: chosen.engine },
    noise,
    eval: study.eval,
    historyEvery: history === true ? 1 : history === false ? 0 : history,
  };
}
