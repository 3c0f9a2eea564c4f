/**
 * Which engine trains a configuration. Pure and light (no tfjs import), so the plan can resolve
 * `train.engine: auto` before any worker starts, and the resolved name is part of each run's identity.
 */
import type { RunConfig } from '../config/schema.js';
import type { EngineName } from './engine.js';
import { FUSED_LAYER_TYPES } from './fused/plan/supported.js';

/**
 * null when the fused engine can train the config, else why not. It trains every layer type its plan has a
 * kernel for (fused/plan/supported.ts: today every type of model.layers), every task, noise kind and placement.
 */
export function fusedUnsupported(config: Pick<RunConfig, 'model' | 'noise' | 'train'>): string | null {
  const layer = config.model.layers?.find((l) => !FUSED_LAYER_TYPES.includes(l.type));
  if (layer !== undefined) return `a ${layer.type} layer`;
  return null;
}

/** The engine a config asks for, with auto resolved; throws (as a reason string) when fused is asked but cannot. */
export function chooseEngine(config: Pick<RunConfig, 'model' | 'noise' | 'train'>, requested: 'auto' | EngineName): { engine: EngineName } | { error: string } {
  const whyNot = fusedUnsupported(config);
  if (requested === 'tfjs') return { engine: 'tfjs' };
  if (requested === 'fused') return whyNot === null ? { engine: 'fused' } : { error: `the fused engine does not support ${whyNot}; use train.engine: tfjs or auto` };
  return { engine: whyNot === null ? 'fused' : 'tfjs' };
}
