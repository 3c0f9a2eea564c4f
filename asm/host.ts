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

/** Math.tanh of the host. */
@external("env", "tanh")
export declare function hostTanh(x: f64): f64;
