/**
 * A directory's finished runs and the runs a resume or merge adds come from one arithmetic (engine/numerics.ts):
 * a directory stamped with other numerics is refused with its file, key and both versions named, and left as
 * it was; one without a stamp (written before stamps) is warned about while this build could compute the same.
 */
import { expect } from 'chai';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeCommand } from '../../../src/commands/merge.js';
import { sweepCommand, type SweepOptions } from '../../../src/commands/sweep.js';
import { checkResumedNumerics } from '../../../src/commands/sweep/resumed-numerics.js';
import { NUMERICS, UNRECORDED_AT_MOST } from '../../../src/engine/numerics.js';
import { InputError } from '../../../src/errors.js';
import type { StudyMeta } from '../../../src/report/results-dir.js';
import { TINY } from '../../helpers/tiny-study.js';
import { tmpDir, tmpFile } from '../../helpers/tmp.js';

const META: StudyMeta = { tool: 'noise-sweep', format: 2, name: 't', studyHash: 'h', config: 'c.yaml', baseDir: '.', set: [], shard: null };

function options(config: string, out: string, extra: Partial<SweepOptions> = {}): SweepOptions {
  return { config, out, workers: 1, set: [], quiet: true, ...extra };
}

/** Every file of a directory, by name, as bytes: what "left as it was" compares. */
function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((n) => !n.startsWith('.')).map((n) => [n, readFileSync(join(dir, n), 'latin1')]));
}

function setNumerics(dir: string, numerics: number | undefined): void {
  const path = join(dir, 'meta.json');
  const meta = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (numerics === undefined) delete meta.numerics;
  else meta.numerics = numerics;
  writeFileSync(path, JSON.stringify(meta, null, 2) + '\n');
}

describe('commands/sweep/resumed-numerics', function () {
  this.timeout(120_000);

  it('accepts this build\'s numerics, refuses another version naming meta.json, the key and both versions', () => {
    expect(checkResumedNumerics({ ...META, numerics: NUMERICS }, 'd')).to.equal(null);
    const other = () => checkResumedNumerics({ ...META, numerics: NUMERICS + 1 }, 'd');
    expect(other).to.throw(InputError, new RegExp(`^d/meta.json: numerics: expected .*version ${NUMERICS}\\), found version ${NUMERICS + 1}: `));
  });

  it('warns about an unstamped directory while this build may compute its numbers, refuses it after', () => {
    const unstamped = () => checkResumedNumerics(META, 'd');
    if (NUMERICS <= UNRECORDED_AT_MOST) expect(unstamped()).to.match(/^resuming d: its meta.json does not record the engine numerics/);
    else expect(unstamped).to.throw(InputError, /^d\/meta.json: numerics: .*found none recorded/);
  });

  it('a sweep stamps meta.json; a resume of runs with other numerics is refused and changes nothing', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { repeats: 1 }));
    expect(JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')).numerics).to.equal(NUMERICS);
    setNumerics(out, NUMERICS - 1);
    // A torn last row, as a crash leaves it: a resume that goes ahead cuts it off, a refused one must not.
    appendFileSync(join(out, 'runs.csv'), 'ok,torn');
    const before = snapshot(out);
    await sweepCommand(options(config, out, { resume: true })).then(
      () => expect.fail('a resume over other numerics must be refused'),
      (e: Error) => {
        expect(e).to.be.instanceOf(InputError);
        expect(e.message).to.contain(`${join(out, 'meta.json')}: numerics: expected runs computed with this build's engine numerics (version ${NUMERICS}), found version ${NUMERICS - 1}`);
      },
    );
    expect(snapshot(out)).to.deep.equal(before);
    // Stamped back, the same resume runs the repeats still missing.
    setNumerics(out, NUMERICS);
    const resumed = await sweepCommand(options(config, out, { resume: true }));
    expect(resumed.reused).to.be.greaterThan(0);
  });

  it('a resume of an unstamped directory leaves it unstamped, so the next resume warns again', async function () {
    if (NUMERICS > UNRECORDED_AT_MOST) this.skip(); // such a directory is refused outright (the test above)
    const config = tmpFile('tiny.yaml', TINY);
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { repeats: 1 }));
    setNumerics(out, undefined);
    for (let round = 0; round < 2; round++) {
      const lines: string[] = [];
      await sweepCommand(options(config, out, { resume: true, repeats: 2 + round, log: (line: string) => lines.push(line) }));
      expect(lines.join('\n'), `resume ${round + 1}`).to.match(/does not record the engine numerics/);
      expect(JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')), `meta.json after resume ${round + 1}`).to.not.have.property('numerics');
    }
  });

  it('merge refuses shards swept with different numerics', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const shards = [1, 2].map((i) => join(tmpDir(), `s${i}`));
    for (const [i, dir] of shards.entries()) await sweepCommand(options(config, dir, { repeats: 1, shard: { index: i + 1, count: 2 } }));
    setNumerics(shards[1]!, undefined);
    await mergeCommand({ dirs: shards, out: join(tmpDir(), 'm'), allowPartial: false, quiet: true }).then(
      () => expect.fail('shards of different numerics must be refused'),
      (e: Error) => expect(e.message).to.contain(`${join(shards[1]!, 'meta.json')}: numerics: expected engine numerics version ${NUMERICS} (as ${shards[0]}), found no engine numerics recorded`),
    );
  });
});
