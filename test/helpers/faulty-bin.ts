/**
 * The CLI with a failing disk, for tests run as a child process: NOISE_SWEEP_TEST_FAULT holds a DiskFault as
 * JSON ({"code":"ENOSPC","afterBytes":4000,"path":"runs\\.csv"}); `path` is a regular expression. Production
 * code reads no such variable: only this test entry does, before it loads the real entry (src/bin.ts).
 */
import { injectDiskFault } from '../../src/store/disk.js';

const spec = process.env.NOISE_SWEEP_TEST_FAULT;
if (spec) {
  const f = JSON.parse(spec) as { code: string; afterBytes?: number; path?: string; calls?: ('write' | 'open' | 'rename' | 'mkdir' | 'fsync' | 'read')[] };
  injectDiskFault({ code: f.code, ...(f.afterBytes !== undefined ? { afterBytes: f.afterBytes } : {}), ...(f.path ? { path: new RegExp(f.path) } : {}), ...(f.calls ? { calls: f.calls } : {}) });
}
await import('../../src/bin.js');
