/**
 * Which engine trains a configuration. Pure and light (no tfjs import), so the plan can resolve
 * `train.engine: auto` before any worker starts, and the resolved name is part of each run's identity.
 */
import type { RunConfig } from '../config/schema.js';
import type { EngineName } from './engine.js';

/** null when the fused engine (dense MLP, gaussian noise, binary output) can train the config, else why not. */
export function fusedUnsupported(config: Pick<RunConfig, 'model' | 'noise' | 'train'>): string | null {
  if (config.noise.kind !== 'gaussian') return `noise kind ${config.noise.kind}`;
  if (config.model.layers !== undefined) return 'model.layers (only model.hidden)';
  if (config.model.task !== undefined && config.model.task !== 'binary') return `model.task ${config.model.task}`;
  return null;
}

/** The engine a config asks for, with auto resolved; throws (as a reason string) when fused is asked but cannot. */
export function chooseEngine(config: Pick<RunConfig, 'model' | 'noise' | 'train'>, requested: 'auto' | EngineName): { engine: EngineName } | { error: string } {
  const whyNot = fusedUnsupported(config);
  if (requested === 'tfjs') return { engine: 'tfjs' };
  if (requested === 'fused') return whyNot === null ? { engine: 'fused' } : { error: `the fused engine does not support ${whyNot}; use train.engine: tfjs or auto` };
  return { engine: whyNot === null ? 'fused' : 'tfjs' };
}
