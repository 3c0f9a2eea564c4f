import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { contentHash, runId } from '../../src/plan/identity.js';
import { makePlan } from '../../src/plan/plan.js';
import { RunList, RunSelection } from '../../src/plan/run-list.js';
import { seedsOf } from '../../src/plan/seeding.js';
import { studyHash } from '../../src/plan/study.js';
import type { PlannedRun } from '../../src/protocol.js';
import { tmpFile } from '../helpers/tmp.js';

function planOf(yaml: string) {
  const loaded = loadStudy(tmpFile('study.yaml', `name: s\n${yaml}\n`));
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
}

/** A run list over made-up ids, its tasks only their place (what the table and the arithmetic are tested on). */
function listOf(points: number, repeats: number, idOf: (point: number, repeat: number) => string): RunList<PlannedRun> {
  return new RunList<PlannedRun>(points, repeats, idOf, (place) => ({ ...place, seed: 0, seeds: { init: 0, order: 0, noise: 0 } }));
}

describe('plan/run-list', () => {
  it('builds each run as the plan always had it: repeat-major, its id from its point hash and repeat, its seeds from seeding.ts', () => {
    for (const pairing of ['paired', 'independent']) {
      const plan = planOf(`pairing: ${pairing}\nrepeats: 3\ndata: { generator: circles, samples: 40, trainSize: 20, split: { kind: kfold, k: 2 } }\nvary: [init, split]\nnoise: { placement: input }\ngrid: { noise.stddev: [0.1, 0.2] }`);
      expect(plan.runs.length).to.equal(6);
      plan.runs.map((run, i) => {
        const point = plan.points[i % 2]!;
        const repeat = Math.floor(i / 2);
        const { seed, seeds } = seedsOf({ pairing: pairing as 'paired', vary: ['init', 'split'] }, { configHash: point.configHash, studySeed: point.config.studySeed, split: point.config.data.split! }, repeat);
        expect(run).to.deep.equal({ runId: runId(point.configHash, repeat), pointIndex: point.index, repeat, seed, seeds, config: point.config, baseDir: run.baseDir });
      });
    }
  });

  it('finds every run by its id, and no run for an id it does not have or one that is not 16 lowercase hex digits', () => {
    const plan = planOf('repeats: 40\ngrid: { noise.placement: [none, input, pre], noise.stddev: [0.1, 0.2] }');
    expect(plan.runs.length).to.equal(5 * 40);
    for (let i = 0; i < plan.runs.length; i++) expect(plan.runs.indexOf(plan.runs.idAt(i))).to.equal(i);
    const id = plan.runs.map((r) => r.runId).find((x) => /[a-f]/.test(x))!;
    expect(plan.runs.indexOf(id.toUpperCase())).to.equal(undefined);
    for (const other of [id.slice(1), `${id}0`, `${id.slice(0, 15)}g`, '', ' ' + id.slice(1), runId(plan.points[0]!.configHash, 40)]) expect(plan.runs.indexOf(other)).to.equal(undefined);
  });

  it('probes past ids that share a first slot (the same low word), and keeps the first run of an id given twice', () => {
    const runs = listOf(3, 4, (p, r) => `${(p * 16 + r).toString(16).padStart(8, '0')}0000abcd`);
    for (let i = 0; i < runs.length; i++) expect(runs.indexOf(runs.idAt(i))).to.equal(i);
    expect(runs.indexOf('ffffffff0000abcd')).to.equal(undefined);
    const twice = listOf(2, 2, (p, r) => (p === 1 && r === 1 ? '00000000000000aa' : `${p}${r}`.padStart(16, '0')));
    expect(twice.indexOf('00000000000000aa')).to.equal(3);
    const clash = listOf(2, 1, () => '00000000000000aa');
    expect(clash.indexOf('00000000000000aa')).to.equal(0);
  });

  it('refuses an id that is not 16 lowercase hex digits when the list is built', () => {
    expect(() => listOf(1, 1, () => 'ABCDEF0123456789')).to.throw(RangeError, /16 lowercase hex digits/);
  });

  it('gives the place of a run by arithmetic: point, repeat, index, and its position in runs.csv order (point, then repeat)', () => {
    const runs = listOf(3, 4, (p, r) => `${p}${r}`.padStart(16, '0'));
    const positions = Array.from({ length: runs.length }, (_, i) => runs.positionOf(i));
    expect([...positions].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i));
    const byPosition = [...runs].sort((a, b) => runs.positionOf(runs.indexOf(a.runId)!) - runs.positionOf(runs.indexOf(b.runId)!));
    expect(byPosition.map((r) => [r.pointIndex, r.repeat])).to.deep.equal([0, 1, 2].flatMap((p) => [0, 1, 2, 3].map((r) => [p, r])));
    expect(runs.indexAt(2, 3)).to.equal(11);
    expect([runs.pointOf(11), runs.repeatOf(11)]).to.deep.equal([2, 3]);
    expect([...runs.ofPoint(1)].map((r) => r.repeat)).to.deep.equal([0, 1, 2, 3]);
  });

  it('answers at() outside the list with undefined, as an array does, and get() with a RangeError', () => {
    const runs = listOf(2, 2, (p, r) => `${p}${r}`.padStart(16, '0'));
    expect([runs.at(-1), runs.at(4), runs.at(1.5)]).to.deep.equal([undefined, undefined, undefined]);
    expect(runs.at(3)!.runId).to.equal('0000000000000011');
    expect(() => runs.get(4)).to.throw(RangeError, /0\.\.3/);
  });

  it('selects runs by index, in plan order, and selects again from a selection', () => {
    const runs = listOf(3, 3, (p, r) => `${p}${r}`.padStart(16, '0'));
    const odd = RunSelection.where(runs, (i) => i % 2 === 1);
    expect(odd.length).to.equal(4);
    expect([...odd].map((r) => r.runId)).to.deep.equal([1, 3, 5, 7].map((i) => runs.idAt(i)));
    const late = odd.where((i) => i > 3);
    expect([late.indexAt(0), late.indexAt(1)]).to.deep.equal([5, 7]);
    expect(late.at(1)!.runId).to.equal(runs.idAt(7));
    expect(late.at(2)).to.equal(undefined);
  });

  it('hashes the study as the hash of its list of run ids, in chunks (meta.json keeps the value it always had)', () => {
    const plan = planOf('repeats: 7\ngrid: { noise.stddev: [0.1, 0.2, 0.3] }');
    expect(studyHash(plan)).to.equal(contentHash(plan.runs.map((r) => r.runId)));
    // More ids than one chunk of the hash's input holds.
    const big = planOf('repeats: 6000\ngrid: { noise.stddev: [0.1, 0.2, 0.3] }');
    expect(studyHash(big)).to.equal(contentHash(big.runs.map((r) => r.runId)));
  });
});
