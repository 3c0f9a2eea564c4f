/**
 * What the fused engine's plan can build, as names only: read by engine/support.ts to resolve
 * `train.engine: auto` before any worker starts, so it imports no kernel code. A test holds it equal to the
 * kernel registry (registry.ts) and to the schema's layer types.
 */
import type { LayerType } from '../../../config/schema.js';

export const FUSED_LAYER_TYPES: readonly LayerType[] = ['dense', 'conv1d', 'conv2d', 'maxPooling1d', 'maxPooling2d', 'averagePooling1d', 'averagePooling2d', 'flatten', 'lstm', 'dropout', 'activation', 'masking'];
