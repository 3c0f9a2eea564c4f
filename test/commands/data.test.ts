/**
 * dataCommand (sweep data): every generator's table with readable column names, doubles that load back
 * bit for bit, a study file's data: section with its grid and --set applied (the rows its runs train on),
 * one-line errors that name the flag, and no overwriting.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataCommand, type DataOptions } from '../../src/commands/data.js';
import { loadStudy } from '../../src/config/load.js';
import { dataSpec, type GeneratedData } from '../../src/config/schema.js';
import { loadCsvTable } from '../../src/data/csv-table.js';
import { generatedTable } from '../../src/data/generate.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { shuffleTable } from '../../src/data/preprocess/shuffle.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

const dir = tmpDir('data-command-');
let files = 0;
const outFile = () => join(dir, `out-${++files}.csv`);
const quiet = (opts: Omit<DataOptions, 'log'>): DataOptions => ({ ...opts, log: () => {} });
/** The rows of a written file as numbers, and its header. */
function read(path: string): { header: string[]; rows: number[][] } {
  const [header, ...rows] = parse(readFileSync(path, 'utf8')) as string[][];
  return { header: header!, rows: rows.map((r) => r.map(Number)) };
}
const spec = (data: Record<string, unknown>) => dataSpec.parse({ trainSize: 1, ...data }) as GeneratedData;

describe('dataCommand (sweep data)', () => {
  it('circles with the study defaults: x1,x2,y and every double round-trips exactly', async () => {
    const out = outFile();
    const lines: string[] = [];
    await dataCommand({ generator: 'circles', out, log: (l) => lines.push(l) });
    expect(readFileSync(out, 'utf8').split('\n')[0]).to.equal('x1,x2,y');
    const back = loadCsvTable(out, { binary: true });
    const made = generatedTable(spec({ generator: 'circles' }));
    expect(Array.from(back.X)).to.deep.equal(Array.from(made.X));
    expect(Array.from(back.y)).to.deep.equal(Array.from(made.y));
    expect(lines).to.deep.equal([`wrote ${out}: 100 rows, columns x1, x2, y`]);
  });

  // Each generator with a few of its own settings: names as documented, values exactly the generator's.
  const cases: [{ generator: NonNullable<DataOptions['generator']> } & Record<string, number | boolean | string>, string[]][] = [
    [{ generator: 'moons', samples: 33, noise: 0.25, seed: 4 }, ['x1', 'x2', 'y']],
    [{ generator: 'blobs', samples: 20, features: 3, centers: 4, clusterStd: 0.5 }, ['x1', 'x2', 'x3', 'y']],
    [{ generator: 'classification', samples: 30, features: 6, informative: 3, redundant: 1, classes: 3, clustersPerClass: 1, hypercube: false }, ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'y']],
    [{ generator: 'friedman1', samples: 25, features: 5, noise: 1 }, ['x1', 'x2', 'x3', 'x4', 'x5', 'y']],
    [{ generator: 'shapes', samples: 12, size: 7, classes: 4 }, [...Array.from({ length: 49 }, (_, i) => `px_${Math.floor(i / 7)}_${i % 7}`), 'y']],
    [{ generator: 'sequences', samples: 15, length: 4, minLength: 2, features: 2 }, ['t_0_0', 't_0_1', 't_1_0', 't_1_1', 't_2_0', 't_2_1', 't_3_0', 't_3_1', 'y']],
  ];
  for (const [{ generator, ...settings }, header] of cases) {
    it(`${generator}: columns ${header.length > 8 ? `${header.slice(0, 3).join(',')},...` : header.join(',')}`, async () => {
      const out = outFile();
      await dataCommand(quiet({ generator, settings: settings as Record<string, number | boolean>, out }));
      const written = read(out);
      expect(written.header).to.deep.equal(header);
      const made = generatedTable(spec({ generator, ...settings }));
      expect(written.rows.flatMap((r) => r.slice(0, -1))).to.deep.equal(Array.from(made.X));
      expect(written.rows.map((r) => r.at(-1))).to.deep.equal(Array.from(made.y));
    });
  }

  it('--config: the rows each grid point trains on, one block per data setting, with --set applied', async () => {
    const config = tmpFile('study.yaml', 'name: s\ndata: { generator: moons, trainSize: 10 }\nmodel: { hidden: [4] }\ngrid:\n  data.noise: [0.1, 0.3]\n  noise.placement: [none, pre]\n');
    const out = outFile();
    const lines: string[] = [];
    await dataCommand({ config, set: ['data.samples=40'], out, log: (l) => lines.push(l) });
    const written = read(out);
    expect(written.header).to.deep.equal(['data.noise', 'x1', 'x2', 'y']);
    expect(written.rows).to.have.length(80);
    expect(lines).to.deep.equal([`wrote ${out}: 2 datasets of 40 rows (one per value of data.noise, in its first column), columns data.noise, x1, x2, y; a run trains on the first 10 rows of its dataset and tests on the rest`]);
    // What the runs get: each grid point's training rows are the first 10 rows of its block.
    const loaded = loadStudy(config, { set: ['data.samples=40'] });
    const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
    expect(plan.points).to.have.length(4);
    for (const point of plan.points) {
      const block = written.rows.filter((r) => r[0] === point.values['data.noise']);
      const data = loadDataset(point.config.data, loaded.baseDir);
      expect(Array.from(data.xTrain)).to.deep.equal(Array.from(Float32Array.from(block.slice(0, 10).flatMap((r) => r.slice(1, 3)))));
      expect(Array.from(data.yTest)).to.deep.equal(block.slice(10).map((r) => r[3]));
    }
  });

  it('--config without a data grid: the plain table, loadable as a study\'s data.file', async () => {
    const config = tmpFile('study.yaml', 'name: s\ndata: { generator: shapes, samples: 20, size: 8, trainSize: 10 }\nmodel: { task: multiclass, inputShape: [8, 8, 1], layers: [{ type: flatten }] }\n');
    const out = outFile();
    await dataCommand(quiet({ config, out }));
    const back = loadCsvTable(out, { binary: false });
    expect(back.nFeatures).to.equal(64);
    expect(Array.from(back.X)).to.deep.equal(Array.from(generatedTable(spec({ generator: 'shapes', samples: 20, size: 8 })).X));
  });

  it('--config with data.shuffle: the rows in the order the runs see them (sklearn.utils.shuffle\'s)', async () => {
    const plain = tmpFile('plain.yaml', 'name: s\ndata: { generator: moons, samples: 20, trainSize: 10 }\n');
    const shuffled = tmpFile('shuffled.yaml', 'name: s\ndata: { generator: moons, samples: 20, trainSize: 10, shuffle: 3, standardize: true }\n');
    const [a, b] = [join(tmpDir(), 'a.csv'), join(tmpDir(), 'b.csv')];
    await dataCommand({ config: plain, out: a, log: () => {} });
    const lines: string[] = [];
    await dataCommand({ config: shuffled, out: b, log: (l) => lines.push(l) });
    const rows = (f: string) => readFileSync(f, 'utf8').trim().split('\n').slice(1);
    const order = Array.from(shuffleTable({ nFeatures: 2, X: Float64Array.from({ length: 40 }, (_, k) => k), y: Float64Array.from({ length: 20 }, (_, i) => i) }, 3).y);
    expect(rows(b)).to.deep.equal(order.map((i) => rows(a)[i]));
    expect(lines[0]).to.match(/the file holds the features raw; runs standardize them with their training rows' statistics/);
  });

  it('refuses to overwrite an existing file and leaves it alone', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'precious');
    let caught: unknown;
    await dataCommand(quiet({ generator: 'circles', out })).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(InputError);
    expect((caught as Error).message).to.equal(`${out}: --out: expected a new file, found an existing one (not overwritten)`);
    expect(readFileSync(out, 'utf8')).to.equal('precious');
  });

  it('names the bad flag or key in one line, and writes nothing', async () => {
    const out = join(dir, 'never.csv');
    const fileStudy = tmpFile('file.yaml', 'name: f\ndata: { file: points.csv, trainSize: 1 }\n');
    writeFileSync(join(dirname(fileStudy), 'points.csv'), 'x1,y\n1,0\n2,1\n');
    const featuresGrid = tmpFile('features.yaml', 'name: f\ndata: { generator: blobs }\nmodel: { task: multiclass }\ngrid:\n  data.features: [2, 3]\n');
    const bad: [DataOptions, string][] = [
      [{ generator: 'circles', settings: { samples: 1 }, out }, '--samples: expected a number ≥ 2, found 1'],
      [{ generator: 'circles', settings: { samples: 2.5 }, out }, '--samples: expected an integer, found 2.5'],
      [{ generator: 'circles', settings: { noise: -0.1 }, out }, '--noise: expected a number ≥ 0, found -0.1'],
      [{ generator: 'circles', settings: { seed: 2 ** 32 }, out }, '--seed: expected a number ≤ 4294967295, found 4294967296'],
      [{ generator: 'circles', settings: { factor: 1 }, out }, '--factor: expected a number < 1, found 1'],
      [{ generator: 'moons', settings: { factor: 0.5 }, out }, `--factor: expected no "factor" for generator moons (factor is the circles' inner/outer ratio), found 0.5`],
      [{ generator: 'blobs', settings: { clusterStd: -1 }, out }, '--cluster-std: expected a number ≥ 0, found -1'],
      [{ generator: 'circles', settings: { centers: 3 }, out }, '--centers: expected no "centers" for generator circles (it takes samples, seed, noise, factor), found 3'],
      [{ generator: 'sequences', settings: { minLength: 30 }, out }, '--min-length: expected at most data.length (20), found 30'],
      [{ generator: 'shapes', settings: { size: Number.NaN }, out }, '--size: expected a number, found something that is not a number'],
      [{ generator: 'moons', out: join(dir, 'no-such-dir', 'a.csv') }, `${join(dir, 'no-such-dir', 'a.csv')}: --out: expected a file in an existing directory, found no such directory`],
      [{ out }, 'sweep data: expected a generator (circles, moons, blobs, classification, friedman1, shapes, sequences) or --config study.yaml, found neither'],
      [{ generator: 'moons', config: featuresGrid, out }, 'sweep data: expected a generator (circles, moons, blobs, classification, friedman1, shapes, sequences) or --config study.yaml, found both'],
      [{ config: featuresGrid, settings: { samples: 50 }, out }, '--samples: expected no generator flags with --config (the study\'s data: section decides; change it with --set data.samples=...)'],
      [{ config: fileStudy, out }, `${fileStudy}: data.file: expected a generator (sweep data writes generated tables; this study reads points.csv, which is one already)`],
      [{ config: featuresGrid, out }, `${featuresGrid}: grid: expected datasets with the same columns in one file, found 2 kinds (the grid varies data.features); write one at a time, e.g. --set 'grid={}' --set data.features=...`],
    ];
    for (const [opts, message] of bad) {
      let caught: unknown;
      await dataCommand(quiet(opts)).catch((e: unknown) => (caught = e));
      expect(caught, message).to.be.instanceOf(InputError);
      expect((caught as Error).message).to.equal(message);
    }
    expect(existsSync(out)).to.equal(false);
  });
});

describe('sweep data as a process', () => {
  it('a bad flag: one line on stderr, exit 2, no file', async function () {
    this.timeout(20_000);
    const out = join(tmpDir(), 'x.csv');
    const run = await runCli(['data', 'blobs', '--cluster-std', '-1', '--out', out]);
    expect([run.code, run.stderr, run.stdout]).to.deep.equal([2, 'sweep: --cluster-std: expected a number ≥ 0, found -1\n', '']);
    expect(existsSync(out)).to.equal(false);
  });
});
