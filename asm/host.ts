/**
 * Functions the kernel takes from its host (the JavaScript Math object), not from AssemblyScript's own Math:
 * both paths of the fused engine must compute bit for bit the same numbers, and V8's Math.exp / Math.log /
 * Math.tanh need not round exactly as AssemblyScript's ports of musl do.
 */

/** Math.exp of the host. */
@external("env", "exp")
export declare function hostExp(x: f64): f64;

/** Math.log of the host. */
@external("env", "log")
export declare function hostLog(x: f64): f64;

/**
 * Math.tanh of the host over n doubles at p, in place: one call per row, because a call per value costs more
 * than the tanh (V8 calls Math.exp from wasm directly, but Math.tanh through a JavaScript frame). Measured on
 * the tutorial run with tanh, no noise (`node dist/test/engine/fused/speed.js 3 wasm,js tanh`): 1.9 s with a
 * call per value, 0.9 s this way, 1.55 s on the TypeScript path.
 */
@external("env", "tanhRange")
export declare function hostTanhRange(p: usize, n: i32): void;
