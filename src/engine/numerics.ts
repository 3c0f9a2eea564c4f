/**
 * Which numbers this build's engines compute from a run's seeds, as a version recorded in meta.json.
 *
 * A run is reproducible bit for bit from its config and seeds, but only by the same arithmetic: a change to the
 * noise stream, a sum's order or the weight initializer gives every run new (equally valid) numbers. A results
 * directory resumed by a build with other numerics would mix two kinds of runs in one mean without a sign of
 * it, so a sweep records NUMERICS in meta.json and a resume or merge refuses runs of another version
 * (commands/sweep/resumed-numerics.ts, commands/merge.ts). Bump it with any change that moves a run's numbers
 * (the engines' cross-checks and test/fixtures/gen/refresh_previous_order_metrics.mjs then say so too).
 *
 * History:
 * - 1: everything before 2026-12-07 (the fused fast path in float64, normals from one ziggurat stream).
 * - 2: 2026-12-07, the tutorial fast path in float32 (f32x4) and Gaussian noise from four xoshiro128** lanes.
 */
export const NUMERICS = 2;

/**
 * The newest version a meta.json without the field can hold: the field came with version 2, so a directory
 * without it was written by a build computing version 2 or 1 (meta.json does not say which).
 */
export const UNRECORDED_AT_MOST = 2;
