/**
 * Run identity, content-addressed: the hash of a run's effective configuration and its repeat index.
 * The seed derives from the identity, never from the order in which workers pick runs up, so the same
 * study gives the same numbers on any number of workers, and a resumed or extended study reuses finished runs.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal configurations hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Hex sha256 of the canonical JSON of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** A run's id: the first 16 hex digits of the hash of its configuration hash and repeat index. */
export function runId(configHash: string, repeat: number): string {
  // A copy, not a slice: V8 keeps a slice's whole 64-digit parent alive (about 80 bytes a run, in every plan).
  return Buffer.from(contentHash({ config: configHash, repeat }).slice(0, 16), 'latin1').toString('latin1');
}

/** A run's seed: the first 32 bits of its id, as an unsigned integer. */
export function runSeed(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16) >>> 0;
}
