/**
 * A race against the fixed-repeat study of the same grid (issue 11's targets), from two results directories:
 *   npm run build && node dist/bench/race-vs-fixed.js RACE_DIR FIXED_DIR
 * e.g. after
 *   npx sweep configs/grid.yaml --set 'race={min: 5, max: 30, step: 5}' --out RACE_DIR
 *   npx sweep configs/grid.yaml --repeats 30 --out FIXED_DIR
 * It prints one row per grid point: the race's status (with its round and repeats), the fixed study's mean, and
 * whether the fixed study tells the point from its own best: the race's rule applied once to all of its repeats
 * (every pair of points, the race's test, Holm over all pairs, a point out when a better one beats it), at the
 * race's whole alpha since the fixed study looks only once. Then the runs the race
 * spent against points × max, how many of its eliminations the fixed study confirms, and whether its winner is
 * one of the points the fixed study cannot tell from its best.
 */
import { pathToFileURL } from 'node:url';
import { pointLabel } from '../src/check/where.js';
import { decideRound } from '../src/plan/race/eliminate.js';
import { readResults } from '../src/report/read-results.js';
import { pointRunsOf, raceBudget, raceStateOf, studyRaceOf } from '../src/report/race.js';
import { orderedResults, type ResultSet, resultSetOf } from '../src/report/write-results.js';
import { readCsvLog } from '../src/report/runs-csv.js';

/** A results directory's study and its results, read whole: two studies' results, compared run by run. */
async function resultsOf(dir: string): Promise<ResultSet> {
  const { set, runsPath } = await readResults(dir);
  return resultSetOf(set.plan, set.metrics, set.baseline, readCsvLog(runsPath).rows);
}

/** The comparison's lines (see above). */
export async function raceVsFixed(raceDir: string, fixedDir: string): Promise<string[]> {
  const out: string[] = [];
  const raced = await resultsOf(raceDir);
  const fixed = await resultsOf(fixedDir);
  const race = studyRaceOf(raced.plan, raced.metrics, raced.baseline);
  if (race === null) throw new Error(`${raceDir}: expected the results of a study with race:`);
  const label = (set: typeof raced, i: number) => pointLabel(set.plan.points[i]!.values, set.plan.gridKeys);
  const state = raceStateOf(race, raced.plan.points.length, orderedResults(raced));

  // The fixed study judged once, on every repeat, by the race's own rule.
  const fixedRuns = pointRunsOf(fixed.plan.points.length, orderedResults(fixed), race.metric);
  const repeats = Math.min(...fixedRuns.map((r) => r.size));
  const fixedValues = fixedRuns.map((r) => new Map([...r].filter((e): e is [number, number] => e[1] !== null)));
  const decision = decideRound({ round: 1, repeats, survivors: fixedValues.map((_, i) => i), values: (i) => fixedValues[i]!, lowerIsBetter: race.rules.lowerIsBetter, baseline: null, alpha: race.rules.alpha, level: race.rules.alpha, test: race.rules.test });
  const fixedIndex = new Map(fixed.plan.points.map((p, i) => [label(fixed, p.index), i]));
  const tells = (i: number) => decision.comparisons.find((c) => c.point === i)?.rejected ?? false;
  const mean = (i: number) => {
    const xs = [...fixedRuns[i]!.values()].filter((x): x is number => x !== null);
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  };

  out.push(`point${' '.repeat(40)}race            fixed ${race.metric} mean (${repeats} repeats)  told from its best`);
  let confirmed = 0;
  let eliminated = 0;
  for (const [i, outcome] of state.outcomes.entries()) {
    const name = label(raced, i);
    const j = fixedIndex.get(name);
    if (j === undefined) throw new Error(`${fixedDir}: expected the grid point ${name} of ${raceDir}, found none`);
    const status = outcome.status === 'eliminated' ? `out r${outcome.round} (${outcome.after})` : outcome.status;
    const told = j === decision.best ? 'its best' : tells(j) ? 'yes' : 'no';
    if (outcome.status === 'eliminated') {
      eliminated++;
      if (tells(j)) confirmed++;
    }
    out.push(`${name.padEnd(45)}${status.padEnd(16)}${mean(j).toFixed(3).padStart(8)}${' '.repeat(26)}${told}`);
  }
  const { spent, budget } = raceBudget(race, raced.plan.points.length, orderedResults(raced));
  const untold = fixed.plan.points.filter((p) => p.index === decision.best || !tells(p.index)).map((p) => label(fixed, p.index));
  const winner = state.winner === null ? null : label(raced, state.winner);
  out.push(`race: ${spent} of ${budget} runs (${((100 * spent) / budget).toFixed(1)} %), ${state.rounds.length} rounds, ${state.finished ? 'finished' : 'not finished'}`);
  out.push(`eliminations the fixed study confirms (it tells the point from its best): ${confirmed} of ${eliminated}`);
  out.push(`points the fixed study cannot tell from its best: ${untold.join('; ')}`);
  out.push(`race winner: ${winner ?? '—'}, ${winner !== null && untold.includes(winner) ? 'one of them' : 'NOT one of them'}`);
  return out;
}

async function main(): Promise<void> {
  const [raceDir, fixedDir] = process.argv.slice(2);
  if (raceDir === undefined || fixedDir === undefined) throw new Error('usage: node dist/bench/race-vs-fixed.js RACE_DIR FIXED_DIR');
  for (const line of await raceVsFixed(raceDir, fixedDir)) console.log(line);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
