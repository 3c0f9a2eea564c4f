import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../../src/errors.js';
import { csvLines } from '../../../src/report/runs-csv.js';
import { recordsSync } from '../../../src/report/stream/csv-records.js';
import { widenRunsCsv } from '../../../src/report/runs-header.js';
import { tmpDir, tmpFile } from '../../helpers/tmp.js';

/** Cells that a piece cut in the wrong place would break: quoted newlines, escaped quotes, commas, multibyte characters. */
function awkwardRows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [`r${i}`, i % 3 === 0 ? `two\nlines "quoted", é ${i}` : String(i * 0.5), i % 5 === 0 ? '""' : 'ß∑😀', i % 7 === 0 ? '' : 'x,y']);
}

describe('report/stream/csv-records recordsSync', () => {
  it('gives the records csv-parse finds in the whole file, for pieces of any size (cut only outside quotes)', () => {
    const text = csvLines([['a', 'b', 'c', 'd'], ...awkwardRows(60)]);
    const path = tmpFile('log.csv', text);
    const whole = parse(text) as string[][];
    for (const piece of [1, 2, 3, 7, 64, 1 << 18]) expect([...recordsSync(path, piece)], `pieces of ${piece} bytes`).to.deep.equal(whole);
  });

  it('leaves out a last line torn by a crash (no newline), as every reader of the logs does', () => {
    const text = csvLines([['a', 'b'], ['1', '2']]);
    const path = tmpFile('torn.csv', text + '3,"half');
    expect([...recordsSync(path, 5)]).to.deep.equal([['a', 'b'], ['1', '2']]);
    expect([...recordsSync(tmpFile('empty.csv', ''))]).to.deep.equal([]);
  });

  it('refuses a file that is not CSV with a one-line error naming it', () => {
    const path = tmpFile('bad.csv', 'a,b\n1,2,3\n');
    expect(() => [...recordsSync(path)]).to.throw(InputError, /bad\.csv: expected a CSV log written by sweep/);
  });
});

describe('report/runs-header widenRunsCsv', () => {
  it('rewrites runs.csv under a wider header from disk: every row and cell kept, the new columns blank, a torn last line dropped', () => {
    const dir = tmpDir();
    const rows = awkwardRows(3000);
    writeFileSync(join(dir, 'runs.csv'), csvLines([['run_id', 'loss', 'note', 'extra'], ...rows]) + 'torn,1');
    widenRunsCsv(dir, ['run_id', 'accuracy', 'loss', 'note', 'extra', 'zeta']);
    const widened = parse(readFileSync(join(dir, 'runs.csv'), 'utf8')) as string[][];
    expect(widened[0]).to.deep.equal(['run_id', 'accuracy', 'loss', 'note', 'extra', 'zeta']);
    expect(widened.slice(1)).to.deep.equal(rows.map(([id, loss, note, extra]) => [id, '', loss, note, extra, '']));
  });
});
