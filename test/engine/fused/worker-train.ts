/**
 * Worker-thread entry for wasm-net.test.ts: trains one run of the tutorial config (with overrides) on the
 * test rings with the given kernel, and posts the outcome back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFusedEngine, type FusedKernel } from '../../../src/engine/fused/index.js';
import { type ConfigOverrides, tutorialConfig } from './run-config.js';
import { ringsDataset } from './tiny-data.js';

const { kernel, overrides, seed } = workerData as { kernel: FusedKernel; overrides: ConfigOverrides; seed: number };
parentPort!.postMessage(await createFusedEngine(kernel).train(tutorialConfig(overrides), ringsDataset(), seed));
