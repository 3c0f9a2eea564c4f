/**
 * report/check-runs.ts: a runs.csv a hand or a crash has damaged is refused with its file, line and column,
 * whatever the damage; what a sweep writes passes.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { checkRunsTable } from '../../src/report/check-runs.js';
import { readCsvLog } from '../../src/report/runs-csv.js';
import { tmpDir } from '../helpers/tmp.js';

const HEADER = 'noise.placement,repeat,seed,train_loss,test_accuracy,seconds,engine,status,error,run_id';
const GOOD = 'pre,0,123,0.25,0.8,1.5,fused,ok,,0123456789abcdef';
const FAILED = 'pre,1,124,,,0.1,tfjs,failed,"worker failed: boom, again",fedcba9876543210';

function check(lines: string[], current?: { metrics: string[]; runIds: Set<string> }): string | null {
  const path = join(tmpDir(), 'runs.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  try {
    checkRunsTable(readCsvLog(path), path, current);
    return null;
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    return (err as Error).message;
  }
}

describe('report/check-runs', () => {
  it('passes what a sweep writes: ok rows, failed rows with empty metrics and quoted errors', () => {
    expect(check([HEADER, GOOD, FAILED])).to.equal(null);
  });

  const damaged: [string, string, RegExp][] = [
    ['a metric that is not a number', GOOD.replace('0.8', 'abc'), /line 3, column "test_accuracy": expected a finite number, found "abc"; the file was not modified/],
    ['a metric written as NaN', GOOD.replace('0.8', 'NaN'), /line 3, column "test_accuracy": expected a finite number, found "NaN"/],
    ['an unknown status', GOOD.replace(',ok,', ',done,'), /column "status": expected "ok" or "failed", found "done"/],
    ['a run id that is not one', GOOD.replace('0123456789abcdef', 'xyz'), /column "run_id": expected a run id of 16 hex digits, found "xyz"/],
    ['a repeat that is not a whole number', GOOD.replace('pre,0,', 'pre,0.5,'), /column "repeat": expected a whole number, found "0.5"/],
    ['seconds that are not a number', GOOD.replace(',1.5,', ',soon,'), /column "seconds": expected a number, found "soon"/],
  ];
  for (const [what, row, message] of damaged) {
    it(`refuses ${what}, naming the file, line and column`, () => {
      expect(check([HEADER, FAILED, row])).to.match(/runs\.csv: line 3, /).and.match(message);
    });
  }

  it('refuses a file without its header', () => {
    expect(check([GOOD, FAILED])).to.match(/runs\.csv: line 1: expected a runs\.csv header/);
  });

  it("refuses an ok row of the current study that lacks one of its metrics; another study's row may", () => {
    const lacking = GOOD.replace(',0.25,', ',,');
    expect(check([HEADER, lacking], { metrics: ['train_loss', 'test_accuracy'], runIds: new Set(['0123456789abcdef']) })).to.match(/line 2, column "train_loss": expected a finite number, found an empty cell/);
    expect(check([HEADER, lacking], { metrics: ['train_loss', 'test_accuracy'], runIds: new Set() })).to.equal(null);
  });
});
