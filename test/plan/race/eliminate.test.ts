/**
 * One round of a race against test/fixtures/race/rounds.json: the rule of eliminate.ts written again in Python
 * with scipy's tests (test/fixtures/gen/race_reference.py: ttest_rel, ttest_ind(equal_var=False), Holm by hand,
 * the Nadeau–Bengio variance as src/stats has it), and the level each round spends (level.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { decideRound, type RoundDecision } from '../../../src/plan/race/eliminate.js';
import { roundLevel } from '../../../src/plan/race/level.js';

interface Case {
  readonly name: string;
  readonly values: readonly (readonly (number | null)[])[];
  readonly paired: boolean;
  readonly ratio?: number;
  readonly repeats: number;
  readonly round: number;
  readonly survivors: readonly number[];
  readonly lowerIsBetter: boolean;
  readonly baseline: number | null;
  readonly alpha: number;
  readonly expected: Omit<RoundDecision, 'round' | 'repeats'>;
}

const CASES = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../../test/fixtures/race/rounds.json', import.meta.url)), 'utf8')) as { cases: Case[] }).cases;

const byRepeat = (xs: readonly (number | null)[]) => new Map(xs.flatMap((x, i): [number, number][] => (x === null ? [] : [[i, x]])));

function decide(c: Case): RoundDecision {
  return decideRound(inputOf(c));
}

/** Two p-values equal to scipy's within 1e-10 relative (stdlib's and scipy's t distributions), or both null. */
function expectP(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) return void expect(actual, what).to.equal(null);
  expect(actual, what).to.be.a('number');
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(1e-10 * expected + 1e-300);
}

describe('plan/race/level', () => {
  it('spends alpha over the rounds: alpha·6/(π²r²), 0.0304, 0.0076, 0.0034 at alpha 0.05, summing to alpha', () => {
    expect(roundLevel(0.05, 1)).to.be.closeTo(0.0304, 5e-5);
    expect(roundLevel(0.05, 2)).to.be.closeTo(0.0076, 5e-5);
    expect(roundLevel(0.05, 3)).to.be.closeTo(0.0034, 5e-5);
    expect(roundLevel(0.05, 2)).to.equal(roundLevel(0.05, 1) / 4);
    let sum = 0;
    for (let r = 1; r <= 100_000; r++) sum += roundLevel(0.05, r);
    // The tail beyond round R is about 0.05·6/(π²R): 3e-7 here.
    expect(sum).to.be.within(0.05 - 4e-7, 0.05);
  });

  it('refuses an alpha outside (0, 1) and a round that is not a whole number ≥ 1', () => {
    expect(() => roundLevel(1, 1)).to.throw(RangeError, /roundLevel: expected alpha in \(0, 1\), found 1/);
    expect(() => roundLevel(0.05, 0)).to.throw(RangeError, /roundLevel: expected a whole round number ≥ 1, found 0/);
    expect(() => roundLevel(0.05, 1.5)).to.throw(RangeError, /found 1\.5/);
  });
});

describe('plan/race/eliminate', () => {
  it('reads the reference rounds', () => {
    expect(CASES.length).to.be.at.least(11);
  });

  for (const c of CASES) {
    it(`as scipy: ${c.name}`, () => {
      const d = decide(c);
      const e = c.expected;
      expect(d.level, 'level').to.be.closeTo(e.level, 1e-15);
      expect(d.best, 'best').to.equal(e.best);
      expect(d.pairs.map((p) => [p.a, p.b]), 'pairs').to.deep.equal(e.pairs.map((p) => [p.a, p.b]));
      d.pairs.forEach((p, k) => {
        expectP(p.pValue, e.pairs[k]!.pValue, `p ${p.a}-${p.b}`);
        expectP(p.pHolm, e.pairs[k]!.pHolm, `Holm ${p.a}-${p.b}`);
      });
      expect(d.comparisons.map((x) => [x.point, x.against, x.rejected]), 'comparisons').to.deep.equal(e.comparisons.map((x) => [x.point, x.against, x.rejected]));
      d.comparisons.forEach((x, k) => expectP(x.pHolm, e.comparisons[k]!.pHolm, `Holm of ${x.point}`));
      expect(d.eliminated, 'eliminated').to.deep.equal(e.eliminated);
      expect(d.contending, 'contending').to.deep.equal(e.contending);
    });
  }

  it('the round\'s level decides: C (adjusted p 0.0464 against A) is kept at round 2\'s 0.0076, and out at a single look\'s 0.05', () => {
    const c = CASES.find((x) => x.name.startsWith('paired A C D, round 2'))!;
    // Round 2's level keeps C (its adjusted p 0.0464 against A > 0.0076) where round 1's full 0.05 would not.
    const round2 = decide(c);
    expect(round2.comparisons.find((x) => x.point === 1)!.pHolm).to.be.within(0.0076, 0.05);
    expect(round2.eliminated).to.deep.equal([2]);
    const atAlpha = decideRound({ ...inputOf(c), level: 0.05 });
    expect(atAlpha.eliminated).to.deep.equal([1, 2]);
    expect(atAlpha.comparisons.find((x) => x.point === 1)!.against).to.equal(0);
  });

  it('never rejects the best, and a baseline rejected is not eliminated but no longer contends', () => {
    for (const c of CASES) {
      const d = decide(c);
      expect(d.comparisons.map((x) => x.point)).to.not.include(d.best);
      if (c.baseline !== null) {
        expect(d.eliminated).to.not.include(c.baseline);
        expect(d.contending).to.not.include(c.baseline);
      }
    }
  });

  it('decides the same whatever order the runs arrived in, and reads only repeats below the round count', () => {
    const c = CASES.find((x) => x.name.startsWith('Welch A B C D'))!;
    const reversed = decideRound({ ...inputOf(c), values: (i) => new Map([...byRepeat(c.values[i]!)].reverse()) });
    expect(reversed).to.deep.equal(decide(c));
    // The reference's values run to 7 repeats; round 1 at 5 reads 5.
    expect(c.values[0]!.length).to.be.above(c.repeats);
  });

  it('no survivor with a value: no best, nothing compared, every survivor contends', () => {
    const none = decideRound({ round: 1, repeats: 3, survivors: [0, 1], values: () => new Map(), lowerIsBetter: false, baseline: null, alpha: 0.05, test: { paired: true } });
    expect([none.best, none.pairs, none.eliminated, none.contending]).to.deep.equal([null, [], [], [0, 1]]);
  });

  it('refuses an alpha or a level outside (0, 1)', () => {
    const c = CASES[0]!;
    expect(() => decideRound({ ...inputOf(c), alpha: 0 })).to.throw(RangeError, /decideRound: expected alpha in \(0, 1\), found 0/);
    expect(() => decideRound({ ...inputOf(c), level: 1 })).to.throw(RangeError, /decideRound: expected level in \(0, 1\), found 1/);
  });
});

function inputOf(c: Case): Parameters<typeof decideRound>[0] {
  return { round: c.round, repeats: c.repeats, survivors: c.survivors, values: (i) => byRepeat(c.values[i]!), lowerIsBetter: c.lowerIsBetter, baseline: c.baseline, alpha: c.alpha, test: c.ratio === undefined ? { paired: c.paired } : { paired: true, testTrainRatio: () => c.ratio } };
}
