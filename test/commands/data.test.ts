/** dataCommand: writes x1,x2,y that loads back to the very same doubles, and never overwrites. */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataCommand } from '../../src/commands/data.js';
import { makeCircles } from '../../src/data/circles.js';
import { loadCsvTable } from '../../src/data/csv-table.js';
import { makeMoons } from '../../src/data/moons.js';
import { InputError } from '../../src/errors.js';

describe('dataCommand (sweep data)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-command-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('circles with the study defaults: a header and every double round-trips exactly', async () => {
    const out = join(dir, 'circles.csv');
    await dataCommand({ generator: 'circles', out });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).to.equal('x1,x2,y');
    const back = loadCsvTable(out, { binary: true });
    const made = makeCircles({ samples: 100, noise: 0.1, seed: 1, factor: 0.8 });
    expect(Array.from(back.X)).to.deep.equal(Array.from(made.X));
    expect(Array.from(back.y)).to.deep.equal(Array.from(made.y));
  });

  it('moons with explicit flags', async () => {
    const out = join(dir, 'moons.csv');
    await dataCommand({ generator: 'moons', samples: 33, noise: 0.25, seed: 4, out });
    const back = loadCsvTable(out, { binary: true });
    expect(Array.from(back.X)).to.deep.equal(Array.from(makeMoons({ samples: 33, noise: 0.25, seed: 4 }).X));
  });

  it('refuses to overwrite an existing file and leaves it alone', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'precious');
    let caught: unknown;
    await dataCommand({ generator: 'circles', out }).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(InputError);
    expect((caught as Error).message).to.equal(`${out}: --out: expected a new file, found an existing one (not overwritten)`);
    expect(readFileSync(out, 'utf8')).to.equal('precious');
  });

  it('names the bad flag', async () => {
    const cases: [Parameters<typeof dataCommand>[0], string][] = [
      [{ generator: 'circles', samples: 1, out: join(dir, 'a.csv') }, '--samples: expected a whole number of at least 2, found 1'],
      [{ generator: 'circles', noise: -0.1, out: join(dir, 'a.csv') }, '--noise: expected a number >= 0, found -0.1'],
      [{ generator: 'circles', seed: 2 ** 32, out: join(dir, 'a.csv') }, '--seed: expected a whole number from 0 to 4294967295, found 4294967296'],
      [{ generator: 'circles', factor: 1, out: join(dir, 'a.csv') }, '--factor: expected a number between 0 and 1 (exclusive), found 1'],
      [{ generator: 'moons', factor: 0.5, out: join(dir, 'a.csv') }, '--factor: expected no --factor for moons'],
      [{ generator: 'moons', out: join(dir, 'no-such-dir', 'a.csv') }, 'expected a file in an existing directory'],
    ];
    for (const [opts, message] of cases) {
      let caught: unknown;
      await dataCommand(opts).catch((e: unknown) => (caught = e));
      expect(caught, message).to.be.instanceOf(InputError);
      expect((caught as Error).message).to.include(message);
    }
    expect(existsSync(join(dir, 'a.csv'))).to.equal(false);
  });
});
