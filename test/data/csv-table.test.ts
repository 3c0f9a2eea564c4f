/** loadCsvTable: good files become Tables; every bad one is a one-line InputError naming file, row and column. */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsvTable } from '../../src/data/csv-table.js';
import { InputError } from '../../src/errors.js';

describe('loadCsvTable', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csv-table-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** The message of the InputError that loading `text` throws. */
  function failure(text: string, opts: { label?: string; binary?: boolean } = {}): string {
    const file = write('bad.csv', text);
    try {
      loadCsvTable(file, { binary: opts.binary ?? true, label: opts.label });
    } catch (err) {
      expect(err).to.be.instanceOf(InputError);
      const message = (err as Error).message;
      expect(message.startsWith(`${file}: `), message).to.equal(true);
      expect(message).to.not.include('\n');
      return message.slice(file.length + 2);
    }
    throw new Error('expected an InputError');
  }

  it('reads features in header order and the last column as the label, keeping every digit', () => {
    const file = write('ok.csv', 'a,b,y\n0.1,-2.5e-3,0\n0.30000000000000004,7,1\n');
    const t = loadCsvTable(file, { binary: true });
    expect(t.nFeatures).to.equal(2);
    expect(Array.from(t.X)).to.deep.equal([0.1, -2.5e-3, 0.30000000000000004, 7]);
    expect(Array.from(t.y)).to.deep.equal([0, 1]);
  });

  it('takes the label column by name wherever it is; tolerates a BOM, CRLF, spaces and blank lines', () => {
    const file = write('named.csv', '\uFEFFlabel,x1,x2\r\n1, 3 ,4\r\n\r\n0,5,6\r\n');
    const t = loadCsvTable(file, { binary: true, label: 'label' });
    expect(Array.from(t.X)).to.deep.equal([3, 4, 5, 6]);
    expect(Array.from(t.y)).to.deep.equal([1, 0]);
  });

  it('accepts any numeric label when the model is not binary', () => {
    const t = loadCsvTable(write('reg.csv', 'x,y\n1,2.5\n2,-7\n'), { binary: false });
    expect(Array.from(t.y)).to.deep.equal([2.5, -7]);
  });

  it('names a missing file, a directory, and an empty file', () => {
    const missing = join(dir, 'nope.csv');
    expect(() => loadCsvTable(missing, { binary: true })).to.throw(InputError, `${missing}: expected a readable CSV file, found no such file`);
    const sub = join(dir, 'sub.csv');
    mkdirSync(sub);
    expect(() => loadCsvTable(sub, { binary: true })).to.throw(InputError, 'found a directory');
    expect(failure('')).to.equal('expected a header row and data rows, found an empty file');
    expect(failure('\n\n')).to.equal('expected a header row and data rows, found an empty file');
    expect(failure('x1,x2,y\n')).to.equal('expected data rows after the header, found none');
  });

  it('names the missing label column and lists the columns there are', () => {
    expect(failure('x1,x2,y\n1,2,0\n', { label: 'class' })).to.equal('data.label: expected a column named "class", found only the columns "x1", "x2", "y"');
  });

  it('needs a feature column besides the label', () => {
    expect(failure('y\n0\n')).to.equal('row 1: expected a header with at least one feature column and a label column, found "y"');
  });

  it('names row (as a spreadsheet numbers it) and column of a cell that is not a number', () => {
    expect(failure('x1,x2,y\n1,2,0\n3,abc,1\n')).to.equal('row 3, column "x2": expected a number, found "abc"');
    expect(failure('x1,x2,y\n1,,0\n')).to.equal('row 2, column "x2": expected a number, found an empty cell');
    expect(failure('x1,x2,y\n0x1f,2,0\n')).to.equal('row 2, column "x1": expected a number, found "0x1f"');
    expect(failure('x1,x2,y\n1e999,2,0\n')).to.equal('row 2, column "x1": expected a finite number, found "1e999"');
    // a blank line still counts as a row, as in an editor
    expect(failure('x1,x2,y\n1,2,0\n\n3,Infinity,1\n')).to.equal('row 4, column "x2": expected a number, found "Infinity"');
  });

  it('names a ragged row and what it held', () => {
    expect(failure('x1,x2,y\n1,2,0\n3,4\n')).to.equal('row 3: expected 3 cells like the header, found 2');
    expect(failure('x1,x2,y\n1,2,0,9\n')).to.equal('row 2: expected 3 cells like the header, found 4');
  });

  it('reports malformed CSV with its row', () => {
    expect(failure('x1,x2,y\n1,"2,0\n')).to.match(/^row \d+: expected well-formed CSV, found Quote Not Closed/);
  });

  it('for a binary model: a stray label names its cell; two labels that are not 0/1 say to recode them', () => {
    expect(failure('x,y\n1,0\n2,1\n3,2\n')).to.equal('row 4, column "y": expected a label 0 or 1 (binary model), found "2": the column holds 3 classes (0 to 2): a 3-class label needs model.task: multiclass');
    expect(failure('x,y\n1,151\n2,75\n3,141.5\n')).to.equal('row 2, column "y": expected a label 0 or 1 (binary model), found "151": the column holds 3 distinct numbers from 75 to 151: a continuous target needs model.task: regression (classes need recoding as 0 to k-1 and model.task: multiclass)');
    expect(failure('x,y\n1,cat\n2,dog\n3,bird\n')).to.match(/found "cat": the column holds 3 distinct labels, not all numbers: recode them as class indices 0 to 2/);
    expect(failure('x,y\n1,1\n2,2\n3,1\n')).to.equal('column "y": expected labels 0 and 1 for a binary model, found the two labels "1" and "2": recode them as 0 and 1');
    expect(failure('x,y\n1,-1\n2,1\n')).to.equal('column "y": expected labels 0 and 1 for a binary model, found the two labels "-1" and "1": recode them as 0 and 1');
    expect(failure('x,y\n1,no\n2,yes\n')).to.equal('column "y": expected labels 0 and 1 for a binary model, found the two labels "no" and "yes": recode them as 0 and 1');
    expect(Array.from(loadCsvTable(write('b.csv', 'x,y\n1,1.0\n2,0.0\n'), { binary: true }).y)).to.deep.equal([1, 0]);
  });
});
