/**
 * Engines by name, loaded on first use: a worker that only runs the fused engine never pays for loading tfjs.
 */
import type { Engine, EngineName } from './engine.js';

let tfjsNodeAllowed = false;

/** Lets this thread try tfjs-node (only the main thread should: tfjs-node breaks in several worker threads). */
export function allowTfjsNode(allowed: boolean): void {
  tfjsNodeAllowed = allowed;
}

const loaded = new Map<EngineName, Promise<Engine>>();

export function loadEngine(name: EngineName): Promise<Engine> {
  let engine = loaded.get(name);
  if (!engine) {
    engine =
      name === 'fused'
        ? import('./fused/index.js').then((m) => m.fusedEngine)
        : import('./tfjs/backend.js').then(async (b) => {
            await b.initBackend(tfjsNodeAllowed);
            return (await import('./tfjs/index.js')).tfjsEngine;
          });
    loaded.set(name, engine);
  }
  return engine;
}
