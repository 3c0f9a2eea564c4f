/**
 * The fused engine's WebAssembly kernel (entry file): compiled by `npm run build` with AssemblyScript into
 * dist/src/engine/fused/fused.wasm and driven by src/engine/fused/wasm-net.ts. Every function here computes
 * bit for bit what the TypeScript path (src/engine/fused/kernels.ts, net.ts, optimizer.ts, rng/normal.ts)
 * computes, faster: SIMD over units, and no JavaScript number boxing or bounds checks in the loops.
 */
export { fillNormal, noiseNext, noiseWord, setNoiseLane, setNoiseNext, setZigguratTables } from './normal';
export { hiddenLayer } from './forward';
export { backwardColumns2, deltaBackRow, kernelGrad4, kernelGradRow, outputBackRow } from './backward';
export { adamStep, sgdStep } from './optimizer';
export { lstmBackward, lstmForward } from './lstm';
export { convBackward, convForward } from './conv';
export { denseBackward, denseForward, widenF32 } from './dense';
export { activationBackward, activationForward } from './elementwise';
export { addNoise, dropoutForward, gaussianDropoutForward, noiseBackward, setUniformState, uniformWord } from './noise';
export { expm1Range, expRange, tanhRange } from './libm';
export { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from './pool';
