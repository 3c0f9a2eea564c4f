/**
 * Which engine trains a config: `auto` is fused wherever the fused plan has a kernel for every layer, and the
 * names support.ts checks are the registry's own and the schema's (a layer type added to the schema without
 * a kernel falls back to tfjs under auto, and is an error under `train.engine: fused`).
 */
import { expect } from 'chai';
import { LAYER_TYPES, type LayerSpec } from '../../src/config/schema.js';
import { LAYER_KERNELS } from '../../src/engine/fused/plan/registry.js';
import { FUSED_LAYER_TYPES } from '../../src/engine/fused/plan/supported.js';
import { chooseEngine, fusedUnsupported } from '../../src/engine/support.js';
import { tinyConfig } from './tfjs/configs.js';

describe('engine support', () => {
  it('the fused plan has a kernel for every layer type of the schema, and support.ts names exactly those', () => {
    expect([...FUSED_LAYER_TYPES].sort()).to.deep.equal([...LAYER_TYPES].sort());
    expect(Object.keys(LAYER_KERNELS).sort()).to.deep.equal([...FUSED_LAYER_TYPES].sort());
  });

  it('auto picks fused for every task, noise kind and layer type', () => {
    const layers: LayerSpec[] = [{ type: 'masking', maskValue: 0 }, { type: 'lstm', units: 4, returnSequences: false }];
    for (const config of [tinyConfig(), tinyConfig({ task: 'multiclass' }), tinyConfig({ task: 'regression' }), tinyConfig({ kind: 'alphaDropout', layers })]) {
      expect(fusedUnsupported(config)).to.equal(null);
      expect(chooseEngine(config, 'auto')).to.deep.equal({ engine: 'fused' });
    }
  });

  it('a layer without a fused kernel: auto falls back to tfjs, fused is an error naming it', () => {
    const config = tinyConfig({ layers: [{ type: 'bidirectional' } as unknown as LayerSpec] });
    expect(fusedUnsupported(config)).to.equal('a bidirectional layer');
    expect(chooseEngine(config, 'auto')).to.deep.equal({ engine: 'tfjs' });
    expect(chooseEngine(config, 'tfjs')).to.deep.equal({ engine: 'tfjs' });
    expect(chooseEngine(config, 'fused')).to.deep.equal({ error: 'the fused engine does not support a bidirectional layer; use train.engine: tfjs or auto' });
  });
});
