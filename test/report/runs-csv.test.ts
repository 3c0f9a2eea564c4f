import { expect } from 'chai';
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { openResultsDir, readLogCuttingTornLine } from '../../src/report/results-dir.js';
import { AppendCsv, parseRunColumns, readCsvLog, runColumns } from '../../src/report/runs-csv.js';
import { tmpDir } from '../helpers/tmp.js';

describe('report/runs-csv and results-dir', () => {
  it('appends rows under one header and reads them back (RFC 4180 quoting)', () => {
    const path = join(tmpDir(), 'runs.csv');
    const log = new AppendCsv(path, ['a', 'b']);
    log.append(['x,y', 'say "hi"']);
    log.append([1.5, '']);
    log.close();
    new AppendCsv(path, ['a', 'b']).close(); // reopening does not repeat the header
    expect(readFileSync(path, 'utf8')).to.equal('a,b\n"x,y","say ""hi"""\n1.5,\n');
    expect(readCsvLog(path).rows).to.deep.equal([{ a: 'x,y', b: 'say "hi"' }, { a: '1.5', b: '' }]);
  });

  it('drops a torn last line and cuts it off the file', () => {
    const path = join(tmpDir(), 'runs.csv');
    writeFileSync(path, 'a,b\n1,2\n3,');
    const table = readLogCuttingTornLine(path);
    expect(table.rows).to.deep.equal([{ a: '1', b: '2' }]);
    expect(table.tornBytes).to.equal(2);
    expect(readFileSync(path, 'utf8')).to.equal('a,b\n1,2\n');
    appendFileSync(path, '5,6\n');
    expect(readCsvLog(path).rows).to.have.length(2);
  });

  it('splits a header into grid keys and metrics, in the order written then or now', () => {
    const header = runColumns(['noise.placement', 'noise.stddev'], ['train_loss', 'test_accuracy']);
    expect(parseRunColumns(header, 'runs.csv')).to.deep.equal({ gridKeys: ['noise.placement', 'noise.stddev'], metrics: ['test_accuracy', 'train_loss'] });
    const before = ['noise.placement', 'repeat', 'seed', 'train_loss', 'test_accuracy', 'seconds', 'engine', 'status', 'error', 'run_id'];
    expect(parseRunColumns(before, 'runs.csv')).to.deep.equal({ gridKeys: ['noise.placement'], metrics: ['train_loss', 'test_accuracy'] });
    expect(parseRunColumns([...before.slice(0, 3), 'seed_init', ...before.slice(3)], 'runs.csv').metrics).to.deep.equal(['train_loss', 'test_accuracy']);
    expect(() => parseRunColumns(['x', 'y'], 'f.csv')).to.throw(InputError, /f\.csv: line 1: expected a runs\.csv header/);
  });

  it('refuses to reuse a results directory unless resuming or forcing', () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'runs.csv'), 'a\n1\n');
    expect(() => openResultsDir(dir, 'new')).to.throw(InputError, /expected a new or empty results directory/);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8'), 'nothing lost').to.equal('a\n1\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    openResultsDir(dir, 'force');
    expect(() => readFileSync(join(dir, 'runs.csv'))).to.throw();
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8'), '--force removes only result files').to.equal('mine');
  });

  it('refuses to write through a symlink planted in the results directory', () => {
    const dir = tmpDir();
    const victim = join(tmpDir(), 'precious.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'runs.csv'));
    expect(() => openResultsDir(dir, 'force')).to.throw(InputError, /runs\.csv to be a regular file, found a symbolic link/);
    expect(() => new AppendCsv(join(dir, 'runs.csv'), ['a'])).to.throw(/ELOOP|symbolic/);
    expect(readFileSync(victim, 'utf8')).to.equal('keep me');
  });

  it('requires a sweep directory to resume', () => {
    expect(() => openResultsDir(join(tmpDir(), 'nope'), 'resume')).to.throw(InputError, /--resume: expected .* to hold a sweep's results \(runs\.csv\), found no such directory/);
  });
});
