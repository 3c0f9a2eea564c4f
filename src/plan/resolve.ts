/**
 * Study → the effective configuration of its runs (RunConfig): noise placements and stddevs resolved into
 * sites in network order, zero-stddev sites dropped (they add nothing), and `train.engine: auto` resolved.
 * Two studies that train the same way resolve to the same RunConfig, which is what de-duplication relies on:
 * keys at their default for the tutorial's kind of model (task binary, no masking layer) are left out, so
 * those configurations keep the identity they had before the keys existed.
 */
import { inputError } from '../errors.js';
import { PLACEMENTS, RATE_KINDS, type DataSpec, type ModelSpec, type NoiseSite, type Placement, type RunConfig, type Study, type Task } from '../config/schema.js';
import { featureShape } from '../data/generate.js';
import { chooseEngine } from '../engine/support.js';
import { layerSites, type SitePosition } from './layer-sites.js';
import { checkModelFits } from './model-fit.js';
import { checkTaskData, dataForTask, taskOf } from './task-data.js';

/** The placements a noise spec asks for, as written, without 'none'. */
function requestedPlacements(placement: Study['noise']['placement'], where: string): string[] {
  const list = Array.isArray(placement) ? placement : [placement];
  if (list.includes('none') && list.length > 1) throw inputError(where, 'noise.placement', '"none" alone, not in a list with other placements', list);
  return list.filter((p) => p !== 'none');
}

/** The placements a noise spec asks for, in network order (input, pre, post), without 'none'. */
export function placementsOf(placement: Study['noise']['placement'], where: string): Placement[] {
  const set = new Set(requestedPlacements(placement, where));
  const addressed = [...set].find((p) => !(PLACEMENTS as readonly string[]).includes(p));
  if (addressed !== undefined) throw inputError(where, 'noise.placement', 'input, pre or post for a model given as model.hidden (placements at one layer need model.layers)', addressed);
  return PLACEMENTS.filter((p) => set.has(p));
}

/** The value a placement gets from a number or a per-placement map; throws when the map lacks it. */
function valueFor(values: number | Readonly<Record<string, number | undefined>>, placement: string, key: string, what: string, where: string): number {
  if (typeof values === 'number') return values;
  const v = values[placement];
  if (v === undefined) throw inputError(where, key, `a ${what} for placement "${placement}" (given for: ${Object.keys(values).join(', ') || 'none'})`);
  return v;
}

/** A site at `position` with the strength its placement gets, or undefined when that strength is 0. */
function siteAt(noise: Study['noise'], position: SitePosition, placement: string, where: string): NoiseSite | undefined {
  const layer = position.layer === undefined ? {} : { layer: position.layer };
  if (RATE_KINDS.includes(noise.kind)) {
    const rate = valueFor(noise.rate ?? 0, placement, 'noise.rate', 'rate', where);
    // The stddev of the multiplicative noise the rate gives (Keras' GaussianDropout: sqrt(rate / (1 - rate))).
    return rate > 0 ? { placement: position.placement, stddev: Math.sqrt(rate / (1 - rate)), ...layer, rate } : undefined;
  }
  const stddev = valueFor(noise.stddev, placement, 'noise.stddev', 'stddev', where);
  return stddev > 0 ? { placement: position.placement, stddev, ...layer } : undefined;
}

/** Noise sites of a study: one per placement with its stddev (or rate); sites with stddev 0 are left out. */
export function noiseSites(study: Pick<Study, 'noise' | 'model'>, where: string): NoiseSite[] {
  const { noise, model } = study;
  if (model.layers !== undefined) {
    return layerSites(requestedPlacements(noise.placement, where), model.layers, where, (position, placement) => siteAt(noise, position, placement, where));
  }
  return placementsOf(noise.placement, where).flatMap((placement) => siteAt(noise, { placement }, placement, where) ?? []);
}

/**
 * Whether noise.mask can change a run: there is a masking layer, and a site where the steps still exist (the
 * input, or a layer before the first one that merges or resamples steps: conv, pooling, flatten, an LSTM that
 * returns its last output). Elsewhere it is left out of the identity, so a grid over it merges those points.
 */
function maskMatters(layers: ModelSpec['layers'], sites: readonly NoiseSite[]): boolean {
  if (!layers?.some((l) => l.type === 'masking')) return false;
  const stepsEnd = layers.findIndex((l) => !['dense', 'dropout', 'activation', 'masking'].includes(l.type) && !(l.type === 'lstm' && l.returnSequences));
  return sites.some((s) => s.layer === undefined || stepsEnd < 0 || s.layer < stepsEnd);
}

/** model as it enters the identity: task binary is the default, left out. */
function modelIdentity(model: ModelSpec): ModelSpec {
  if (model.task !== 'binary') return model;
  const { task: _binary, ...rest } = model;
  return rest;
}

/** data as a run reads it: CSV labels told the task, and `shuffle: true` made the study seed. */
function runData(study: Study, task: Task): DataSpec {
  const data = dataForTask(study.data, task);
  return data.shuffle === true ? { ...data, shuffle: study.seed } : data;
}

/** The effective configuration of every run of a (single-point) study. */
export function resolveRunConfig(study: Study, where: string): RunConfig {
  const { history, engine: requested, loss, ...train } = study.train;
  checkTaskData(study, where);
  if ('generator' in study.data) checkModelFits(study.model, { shape: featureShape(study.data)!, name: 'the data' }, where);
  const task = taskOf(study.model);
  const sites = noiseSites(study, where);
  // Without sites the kind changes nothing: the default kind lets points without noise merge (and use fused).
  const kind = sites.length > 0 ? study.noise.kind : 'gaussian';
  const noise = { kind, sites, ...(maskMatters(study.model.layers, sites) ? { mask: study.noise.mask ?? true } : {}) };
  const resolvedTrain = task === 'regression' ? { ...train, loss: loss ?? 'mse' } : train;
  const model = modelIdentity(study.model);
  const chosen = chooseEngine({ model, noise, train: { ...resolvedTrain, engine: requested } }, requested);
  if ('error' in chosen) throw inputError(where, 'train.engine', chosen.error, requested);
  return {
    studySeed: study.seed,
    data: runData(study, task),
    model,
    train: { ...resolvedTrain, engine: chosen.engine },
    noise,
    eval: study.eval,
    historyEvery: history === true ? 1 : history === false ? 0 : history,
  };
}
