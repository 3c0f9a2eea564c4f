import { join } from 'node:path';
import { planOrder } from '../../report/stream/plan-order.js';
import { readCsvLog as readWholeLog } from '../../report/runs-csv.js';
import { orderedResults, resultSetOf } from '../../report/write-results.js';
import type { RunResult } from '../../protocol.js';
import type { SweepOutcome } from '../sweep.js';

/**
 * The outcome, its `results` read back from runs.csv when first asked for: a sweep of a million runs never holds
 * them, and the CLI never asks (runStudy() does, for the caller).
 */
export function withResults(outcome: Omit<SweepOutcome, 'results'>, inPart: Uint8Array): SweepOutcome {
  let results: RunResult[] | undefined;
  const read = (): RunResult[] => {
    const { plan, metrics, outDir } = outcome;
    const { indexOf } = planOrder(plan);
    const set = resultSetOf(plan, metrics, null, readWholeLog(join(outDir, 'runs.csv')).rows);
    return orderedResults(set).filter((r) => inPart[indexOf.get(r.runId)!]);
  };
  return Object.defineProperty({ ...outcome }, 'results', { enumerable: true, get: () => (results ??= read()) }) as SweepOutcome;
}
