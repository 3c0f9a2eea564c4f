/**
 * How far V8 lets this process's heaps grow past their live data before a full collection (issue 13: memory
 * that does not grow with the number of runs). By default V8 lets the old generation reach up to about four
 * times what survived the last full collection when collecting is cheap, and a sweep's main thread promotes
 * a steady trickle of short-lived result objects: in a sweep of 1,000,020 one-epoch runs (2 workers,
 * NOISE_SWEEP_MEMORY_LOG) the main thread's heap went from 40 to 142 MB of mostly dead objects over 20 s
 * before V8 collected it, and the process peaked at 413–419 MB, over the 350 MB target, though nothing it
 * kept grew that much. A growing factor of 1.2 collects earlier; the flag is process-wide, so the worker
 * threads' heaps follow it too (their heapTotal 58 → 26 MB in a 50,001-run sweep).
 *
 * Set at run time with v8.setFlagsFromString rather than on node's command line, because `npx sweep` starts
 * node itself: V8 reads this flag each time it sizes the heap after a full collection, so setting it before
 * the command starts its work takes effect (the measured figures above were taken this way). Only the CLI
 * (bin.ts) sets it, not the library (api.ts): V8's flags are process-wide, and a host program's heap is its own.
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation limit after a full collection: live bytes × (1 + this / 100). */
const HEAP_GROWING_PERCENT = 20;

/** Makes V8 collect this process's heaps before they hold much more garbage than live data. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
