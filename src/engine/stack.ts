/**
 * What both engines build from a config, free of tfjs so the fused engine's plan can use it in a thread that
 * never loads tfjs: the hidden layers (model.layers, or the dense layers of `hidden: [...]`), the output
 * layer's activation by task, and which noise site sits where. The tfjs stack (tfjs/model.ts) and the fused
 * plan (fused/plan/build.ts) read these, so the two place the same noise at the same places in the same order.
 */
import type { LayerSpec, NoiseSite, RunConfig, Task } from '../config/schema.js';

/** The output unit's activation for a task. */
export const OUTPUT_ACTIVATION: Record<Task, 'sigmoid' | 'softmax' | 'linear'> = { binary: 'sigmoid', multiclass: 'softmax', regression: 'linear' };

/** The hidden layers of a config: model.layers, or the dense layers of `hidden: [...]`. */
export function hiddenLayers(model: RunConfig['model']): readonly LayerSpec[] {
  return model.layers ?? model.hidden.map((units) => ({ type: 'dense' as const, units, activation: model.activation }));
}

/** Layer types made of a linear part and an activation, so `pre` noise can sit between them. */
export function hasSeparateActivation(spec: LayerSpec): boolean {
  return spec.type === 'dense' || spec.type === 'conv1d' || spec.type === 'conv2d';
}

/** The noise site at a place, if any: layered sites name their layer; `hidden` sites apply to every layer. */
export function siteAt(sites: readonly NoiseSite[], placement: NoiseSite['placement'], layer?: number): NoiseSite | undefined {
  return sites.find((s) => s.placement === placement && (placement === 'input' || s.layer === undefined || s.layer === layer));
}
