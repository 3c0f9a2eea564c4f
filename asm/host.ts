/**
 * Functions the kernel takes from its host (the JavaScript Math object), not from AssemblyScript's own Math:
 * both paths of the fused engine must compute bit for bit the same numbers, and V8's Math.exp / Math.log /
 * Math.tanh need not round exactly as AssemblyScript's ports of musl do. The kernels' exp and tanh run inside
 * the kernel two lanes at a time with Math's bits (libm.ts), calling these only for rare arguments.
 */

/** Math.exp of the host. */
@external("env", "exp")
export declare function hostExp(x: f64): f64;

/** Math.log of the host. */
@external("env", "log")
export declare function hostLog(x: f64): f64;

/** Math.tanh and Math.expm1 of the host: libm.ts's fallback for arguments its SIMD path leaves to the host. */
@external("env", "tanh")
export declare function hostTanh(x: f64): f64;

@external("env", "expm1")
export declare function hostExpm1(x: f64): f64;
