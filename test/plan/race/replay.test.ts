/**
 * A race replayed round by round: the rounds' raw p-values are scipy 1.10.1's (ttest_ind(equal_var=False),
 * ttest_rel), Holm over every pair by hand, each round at its level (0.0304, 0.0076, 0.0034 at alpha 0.05); the
 * runs each round waits for, and replays that must not depend on how the runs came in.
 */
import { expect } from 'chai';
import { decideRound } from '../../../src/plan/race/eliminate.js';
import { roundLevel } from '../../../src/plan/race/level.js';
import { plannedRounds, type PointRuns, type RaceRules, replayRace, roundRepeats, runsSpent } from '../../../src/plan/race/replay.js';

const A = [0.8, 0.82, 0.78, 0.81, 0.79, 0.8, 0.81];
const B = [0.79, 0.81, 0.79, 0.78, 0.8, 0.79, 0.8];
const C = [0.7, 0.83, 0.74, 0.72, 0.73, 0.71, 0.7];
const D = [0.5, 0.55, 0.52, 0.48, 0.51, 0.5, 0.5];

/** min 3, step 2, max 7: rounds at 3, 5 and 7 repeats. */
const RULES: RaceRules = { min: 3, max: 7, step: 2, alpha: 0.05, lowerIsBetter: false, baseline: null, test: { paired: false } };

const runsOf = (xs: readonly number[], upTo = xs.length): PointRuns => new Map(xs.slice(0, upTo).map((x, i) => [i, x]));

describe('plan/race/replay', () => {
  it('rounds at min, min + step, ... capped at max', () => {
    expect([1, 2, 3, 4].map((r) => roundRepeats(RULES, r))).to.deep.equal([3, 5, 7, 7]);
    expect(plannedRounds(RULES)).to.equal(3);
    expect(plannedRounds({ min: 5, max: 30, step: 5 })).to.equal(6);
    expect(plannedRounds({ min: 5, max: 28, step: 5 })).to.equal(6);
    expect(plannedRounds({ min: 5, max: 5, step: 5 })).to.equal(1);
  });

  it('Welch: D out in round 1 (3 repeats); C, shown worse only at the full alpha, kept to max; A wins', () => {
    // Round 1 (level 0.0304), A best: Welch p A–D 0.000162, the smallest of 6 pairs → Holm 0.000974, D out;
    // A–B 0.818, A–C 0.378. Round 2 (5 repeats, 0.0076): A–C 0.0659 → Holm 0.198 over 3 pairs. Round 3 (7,
    // 0.0034): A–C 0.00634 → Holm 0.0190, kept (the old rule, A against each at 0.05, took C out here).
    const s = replayRace(4, [A, B, C, D].map((xs) => runsOf(xs)), RULES);
    expect(s.rounds.map((r) => [r.round, r.repeats, r.best, r.eliminated])).to.deep.equal([[1, 3, 0, [3]], [2, 5, 0, []], [3, 7, 0, []]]);
    expect(s.rounds.map((r) => r.level)).to.deep.equal([1, 2, 3].map((r) => roundLevel(0.05, r)));
    expect(s.rounds.map((r) => r.pairs.length)).to.deep.equal([6, 3, 3]);
    const d = s.rounds[0]!.comparisons[2]!;
    expect([d.point, d.against]).to.deep.equal([3, 0]);
    expect(d.pValue).to.be.closeTo(0.00016240046052052944, 1e-15);
    expect(d.pHolm).to.be.closeTo(6 * 0.00016240046052052944, 1e-15);
    expect(s.rounds[1]!.comparisons[1]!.pValue).to.be.closeTo(0.06587946509946752, 1e-12);
    expect(s.rounds[2]!.comparisons[1]!.pValue).to.be.closeTo(0.006335017697282354, 1e-12);
    expect(s.rounds[2]!.comparisons[1]!.pHolm).to.be.within(roundLevel(0.05, 3), 0.05);
    expect(s.finished).to.equal(true);
    expect(s.winner).to.equal(0);
    expect(s.outcomes).to.deep.equal([{ status: 'winner' }, { status: 'survivor' }, { status: 'survivor' }, { status: 'eliminated', round: 1, after: 3 }]);
    expect(s.survivors).to.deep.equal([0, 1, 2]);
  });

  it('paired without B: C is kept in round 2 (p 0.0464 > level 0.0076) and round 3 (0.0051 > 0.0034)', () => {
    const paired = replayRace(3, [A, C, D].map((xs) => runsOf(xs)), { ...RULES, test: { paired: true } });
    expect(paired.rounds.map((r) => [r.repeats, r.eliminated])).to.deep.equal([[3, [2]], [5, []], [7, []]]);
    // Round 2 compares A–C alone: Holm over one pair is the p itself.
    expect(paired.rounds[1]!.comparisons[0]!.pValue).to.be.closeTo(0.046380562711297334, 1e-12);
    expect(paired.rounds[1]!.comparisons[0]!.pHolm).to.equal(paired.rounds[1]!.comparisons[0]!.pValue);
    expect(paired.rounds[1]!.level).to.be.closeTo(0.0076, 1e-4);
    expect(paired.finished).to.equal(true);
    expect(paired.target).to.equal(7);
    // Every round at the full alpha (a decide that ignores the rounds' levels) takes C out in round 2, as the old rule did.
    const atAlpha = replayRace(3, [A, C, D].map((xs) => runsOf(xs)), { ...RULES, test: { paired: true } }, (input) => decideRound({ ...input, level: input.alpha }));
    expect(atAlpha.rounds.map((r) => [r.repeats, r.eliminated])).to.deep.equal([[3, [2]], [5, [1]]]);
    expect(atAlpha.target).to.equal(5);
  });

  it('waits for the runs of the round under way, and never asks for runs of an eliminated point', () => {
    const start = replayRace(4, [], RULES);
    expect(start.finished).to.equal(false);
    expect(start.rounds).to.deep.equal([]);
    expect(start.target).to.equal(3);
    expect(start.pending).to.have.length(12);
    expect(start.outcomes.every((o) => o.status === 'survivor')).to.equal(true);
    // Round 1 complete but for one run of C: still waiting for that one.
    const almost = replayRace(4, [runsOf(A, 3), runsOf(B, 3), runsOf(C, 2), runsOf(D, 3)], RULES);
    expect(almost.pending).to.deep.equal([{ point: 2, repeat: 2 }]);
    // Round 1 done: D is out, round 2 asks A, B and C for repeats 3 and 4.
    const second = replayRace(4, [runsOf(A, 3), runsOf(B, 3), runsOf(C, 3), runsOf(D, 3)], RULES);
    expect(second.rounds).to.have.length(1);
    expect(second.target).to.equal(5);
    expect(second.pending).to.deep.equal([0, 1, 2].flatMap((point) => [3, 4].map((repeat) => ({ point, repeat }))));
    expect(second.outcomes[3]).to.deep.equal({ status: 'eliminated', round: 1, after: 3 });
  });

  it('a failed run counts as run (no value), so a round is decided without it', () => {
    const failed: PointRuns = new Map([...runsOf(C, 3)].map(([r, v]) => [r, r === 1 ? null : v]));
    const s = replayRace(4, [runsOf(A, 3), runsOf(B, 3), failed, runsOf(D, 3)], RULES);
    expect(s.rounds).to.have.length(1);
    expect(s.pending.filter((p) => p.point === 2).map((p) => p.repeat)).to.deep.equal([3, 4]);
  });

  it('decides the same whatever else is known: extra repeats of eliminated points, the order runs arrived in', () => {
    const base = replayRace(4, [A, B, C, D].map((xs) => runsOf(xs)), RULES);
    // D ran all its repeats (say, as a fixed study before the race): still out after round 1.
    const extra = replayRace(4, [A, B, C, [...D, 0.9, 0.9, 0.9]].map((xs) => runsOf(xs)), RULES);
    expect(extra.rounds).to.deep.equal(base.rounds);
    // Maps built in another order (as runs finish on two workers).
    const shuffled = [A, B, C, D].map((xs) => new Map([...runsOf(xs)].reverse()));
    expect(replayRace(4, shuffled, RULES).rounds).to.deep.equal(base.rounds);
  });

  it('max raised: the rounds up to the old max are decided as they were, and the race goes on', () => {
    const short = replayRace(4, [A, B, C, D].map((xs) => runsOf(xs, 5)), { ...RULES, max: 5 });
    expect(short.finished).to.equal(true);
    expect(short.winner).to.equal(0);
    const longer = replayRace(4, [A, B, C, D].map((xs) => runsOf(xs, 5)), RULES);
    expect(longer.rounds).to.deep.equal(short.rounds);
    expect(longer.finished).to.equal(false);
    expect(longer.pending).to.deep.equal([0, 1, 2].flatMap((point) => [5, 6].map((repeat) => ({ point, repeat }))));
  });

  it('the baseline races to the end; one contender left (the baseline shown worse) ends the race', () => {
    const s = replayRace(4, [A, B, C, D].map((xs) => runsOf(xs)), { ...RULES, baseline: 3 });
    expect(s.outcomes[3]!.status).to.equal('survivor');
    // Rejected in every round (beaten by A), never eliminated: its pairs stay in each round's Holm family.
    expect(s.rounds.map((r) => r.comparisons.find((c) => c.point === 3)!.against)).to.deep.equal([0, 0, 0]);
    expect(s.rounds.map((r) => r.pairs.length)).to.deep.equal([6, 6, 6]);
    expect(s.survivors).to.include(3);
    expect(s.rounds[2]!.repeats).to.equal(7);
    // A against D alone, D the baseline: D is shown worse in round 1, nothing else contends.
    const two = replayRace(2, [runsOf(A), runsOf(D)], { ...RULES, baseline: 1 });
    expect(two.rounds).to.have.length(1);
    expect(two.finished).to.equal(true);
    expect(two.outcomes).to.deep.equal([{ status: 'winner' }, { status: 'survivor' }]);
  });

  it('counts the runs spent below max', () => {
    expect(runsSpent([runsOf(A, 5), runsOf(B, 7), undefined], 6)).to.equal(11);
  });

  it('refuses rules a study could not have', () => {
    expect(() => replayRace(2, [], { ...RULES, min: 1 })).to.throw(RangeError, /replayRace: expected whole numbers min ≥ 2/);
    expect(() => replayRace(2, [], { ...RULES, max: 2 })).to.throw(RangeError, /max ≥ min/);
    expect(() => replayRace(2, [], { ...RULES, baseline: 2 })).to.throw(RangeError, /baseline to be a point index below 2/);
  });
});
