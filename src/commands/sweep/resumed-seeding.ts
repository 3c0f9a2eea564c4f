/** How a --resume of a results directory written by an older format keeps its runs' seeding. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedStudy } from '../../config/load.js';
import type { AnyStudy } from '../../config/schema.js';
import { readMeta } from '../../report/results-dir.js';
import type { SweepOptions } from '../sweep.js';

/**
 * A directory written before paired seeds (meta.json format 1) holds runs with independent seeds: a --resume
 * of it by a study that does not say `pairing:` goes on with `pairing: independent`, so its finished runs are
 * reused and every run of the directory was drawn the same way (a study that says `pairing: paired` starts its
 * runs anew, the old ones kept as stale rows).
 */
export function keepSeedingOfResumed(loaded: LoadedStudy<AnyStudy>, opts: SweepOptions, log: (line: string) => void): LoadedStudy<AnyStudy> {
  if (!opts.resume || opts.out === undefined || loaded.raw.pairing !== undefined || !existsSync(join(opts.out, 'meta.json'))) return loaded;
  let format: number | undefined;
  try {
    format = readMeta(opts.out).format;
  } catch {
    return loaded; // openResultsDir reports a bad meta.json in its own words
  }
  if (format !== 1) return loaded;
  if (!opts.quiet) log(`resuming ${opts.out}, written before paired seeds: its runs go on with pairing: independent (write pairing: paired in the study to start paired runs)`);
  return { ...loaded, raw: { ...loaded.raw, pairing: 'independent' }, study: { ...loaded.study, pairing: 'independent' } };
}
