/**
 * Picks the tfjs backend once per thread. tfjs-node is an optional dependency (its install downloads
 * libtensorflow, which fails offline) and breaks when loaded in more than one worker thread
 * (tensorflow/tfjs#8388, #2079), so it is only tried where the caller allows it: the main thread.
 * Worker threads use the wasm backend (the non-threaded SIMD build: the threaded one is not used in Node).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

let chosen: Promise<string> | undefined;

async function tryNode(): Promise<boolean> {
  try {
    // A variable specifier keeps TypeScript from requiring the optional package's types at build time.
    const name = '@tensorflow/tfjs-node';
    await import(name);
    return tf.getBackend() === 'tensorflow' || (await tf.setBackend('tensorflow'));
  } catch {
    return false;
  }
}

async function useWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/** Initializes tfjs once: tfjs-node when allowed and installed, else wasm, else the pure-JS cpu backend. */
export function initBackend(allowNode: boolean): Promise<string> {
  chosen ??= (async () => {
    if (allowNode && (await tryNode())) return 'tensorflow';
    if (await useWasm()) return 'wasm';
    await tf.setBackend('cpu');
    return 'cpu';
  })().then(async (name) => {
    await tf.ready();
    return name;
  });
  return chosen;
}
