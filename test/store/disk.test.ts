/**
 * store/disk.ts, atomic-write.ts and the runs.csv log under a failing disk (injected: a short write, then the
 * errno code, as a nearly full disk behaves): nothing is renamed over a whole file, no half row stays in a log,
 * and every error names the file.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../../src/errors.js';
import { AppendCsv, readCsvLog } from '../../src/report/runs-csv.js';
import { writeFileAtomic } from '../../src/store/atomic-write.js';
import { diskCounts, injectDiskFault } from '../../src/store/disk.js';
import { tmpDir } from '../helpers/tmp.js';

describe('store: writes that cannot lie', () => {
  afterEach(() => injectDiskFault(null));

  it('an atomic write cut short by a full disk leaves the old file whole and no temporary file', () => {
    const dir = tmpDir();
    const path = join(dir, 'summary.csv');
    writeFileSync(path, 'old,complete\n');
    injectDiskFault({ code: 'ENOSPC', afterBytes: 10 });
    expect(() => writeFileAtomic(path, 'new content that does not fit\n')).to.throw(StorageError, /summary\.csv: disk full \(ENOSPC\) while writing summary\.csv; .*summary\.csv was left as it was/);
    expect(readFileSync(path, 'utf8')).to.equal('old,complete\n');
    expect(readdirSync(dir)).to.deep.equal(['summary.csv']);
    injectDiskFault(null);
    writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).to.equal('new\n');
  });

  for (const [code, words] of [['EDQUOT', 'disk quota exceeded'], ['EROFS', 'read-only file system'], ['EACCES', 'permission denied']] as const) {
    it(`${code} at the rename: one line naming the file, "${words}", exit code 4`, () => {
      const path = join(tmpDir(), 'report.html');
      injectDiskFault({ code, calls: ['rename'] });
      let error: unknown;
      try {
        writeFileAtomic(path, '<html>');
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).exitCode).to.equal(4);
      expect((error as Error).message).to.match(new RegExp(`report\\.html: ${words} \\(${code}\\) while writing report\\.html`));
    });
  }

  it('replaces a symlink at the target, never the file it points to', () => {
    const dir = tmpDir();
    const victim = join(tmpDir(), 'victim.txt');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(dir, 'meta.json'));
    writeFileAtomic(join(dir, 'meta.json'), '{}\n');
    expect(readFileSync(victim, 'utf8')).to.equal('keep');
    expect(readFileSync(join(dir, 'meta.json'), 'utf8')).to.equal('{}\n');
  });

  it('a log append that fails is cut back off, later appends are refused, earlier rows stay whole', () => {
    const path = join(tmpDir(), 'runs.csv');
    const log = new AppendCsv(path, ['a', 'b']);
    log.append(['1', 'first row']);
    injectDiskFault({ code: 'ENOSPC', afterBytes: 5 }); // the next row is written in part, then the disk is full
    expect(() => log.append(['2', 'a row that does not fit'])).to.throw(StorageError, /runs\.csv: disk full \(ENOSPC\) while appending to the log; every row before it is intact/);
    injectDiskFault(null);
    expect(readFileSync(path, 'utf8')).to.equal('a,b\n1,first row\n');
    expect(() => log.append(['3', 'after space came back'])).to.throw(StorageError, /disk full/); // no half row could be glued to it
    log.close();
    expect(readCsvLog(path).rows).to.deep.equal([{ a: '1', b: 'first row' }]);
  });

  it('writes a batch of rows (a learning curve) with one write and one fsync', () => {
    const log = new AppendCsv(join(tmpDir(), 'history.csv'), ['epoch', 'value']);
    const before = diskCounts();
    log.appendRows(Array.from({ length: 500 }, (_, i) => [i, i / 10]));
    const after = diskCounts();
    log.close();
    expect(after.fsyncs - before.fsyncs).to.equal(1);
    expect(after.writes - before.writes).to.equal(1);
  });
});
