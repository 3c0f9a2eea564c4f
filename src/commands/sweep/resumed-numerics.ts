/**
 * A resume adds runs to a directory's finished ones: both must come from the same arithmetic (engine/numerics.ts),
 * or one mean would average two kinds of runs. Checked before anything in the directory changes.
 */
import { join } from 'node:path';
import { NUMERICS, UNRECORDED_AT_MOST } from '../../engine/numerics.js';
import { InputError } from '../../errors.js';
import type { StudyMeta } from '../../report/results-dir.js';

/**
 * Refuses a resume whose finished runs were computed by other numerics than this build's; says so where
 * meta.json cannot tell (written before the version was recorded, by a build that may compute the same).
 * A study with run: is exempt: its numbers come from the user's program, not from our engines.
 *
 * @returns a warning line to print, or null
 * @throws InputError naming meta.json, what this build computes and what the directory holds
 */
export function checkResumedNumerics(meta: StudyMeta, dir: string): string | null {
  if (meta.numerics === NUMERICS) return null;
  const where = join(dir, 'meta.json');
  const advice = 'resume it with the noise-sweep that wrote it, or sweep into a new --out (this directory is left as it is)';
  if (meta.numerics === undefined) {
    if (NUMERICS <= UNRECORDED_AT_MOST) return `resuming ${dir}: its meta.json does not record the engine numerics of its runs (written before they were recorded, 2026-12-07); if it was written before that day, its noisy runs used other numbers than the runs added now (its meta.json stays without a version)`;
    throw new InputError(`${where}: numerics: expected runs computed with this build's engine numerics (version ${NUMERICS}), found none recorded (a directory written before 2026-12-07, with numerics version ${UNRECORDED_AT_MOST} or older): its finished runs would not match the runs added now; ${advice}`);
  }
  throw new InputError(`${where}: numerics: expected runs computed with this build's engine numerics (version ${NUMERICS}), found version ${meta.numerics}: its finished runs would not match the runs added now; ${advice}`);
}
