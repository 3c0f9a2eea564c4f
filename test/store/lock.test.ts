/**
 * store/lock.ts with real processes: a second writer is refused with a line naming the first (pid, host,
 * command, since), and a lock whose holder was killed with SIGKILL is taken over.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LockHeld } from '../../src/errors.js';
import { lockResultsDir } from '../../src/store/lock.js';
import { tmpDir } from '../helpers/tmp.js';

const LOCK = fileURLToPath(new URL('../../src/store/lock.js', import.meta.url));

/** A child process that takes the lock of `dir`, says so, and holds it until killed. */
function holder(dir: string): Promise<{ pid: number; kill: (s: NodeJS.Signals) => Promise<void> }> {
  const script = `const { lockResultsDir } = await import(${JSON.stringify(LOCK)}); await lockResultsDir(${JSON.stringify(dir)}, 'sweep holder.yaml'); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ pid: child.pid!, kill: async (s) => void (child.kill(s), await exited) });
    });
    child.on('error', reject);
  });
}

describe('store/lock: one writer per results directory', function () {
  this.timeout(60_000);

  it('refuses a second writer in the same process, naming it', async () => {
    const dir = tmpDir();
    const lock = await lockResultsDir(dir, 'sweep a.yaml');
    const second = await lockResultsDir(dir, 'sweep b.yaml').then(() => null, (e: unknown) => e);
    expect(second).to.be.instanceOf(LockHeld);
    expect((second as Error).message).to.match(new RegExp(`expected no other writer, found the lock held by pid ${process.pid} on ${hostname()} \\(sweep a\\.yaml\\), since \\d{4}-`));
    await lock.release();
    await (await lockResultsDir(dir, 'sweep b.yaml')).release();
  });

  it('names a live holder in another process; takes the lock over once that process is killed with SIGKILL', async () => {
    const dir = tmpDir();
    const other = await holder(dir);
    const refused = await lockResultsDir(dir, 'sweep mine.yaml').then(() => null, (e: unknown) => e as Error);
    expect(refused?.message).to.match(new RegExp(`held by pid ${other.pid} on ${hostname()} \\(sweep holder\\.yaml\\)`));
    await other.kill('SIGKILL');
    const lock = await lockResultsDir(dir, 'sweep mine.yaml');
    expect(lock.lost()).to.equal(undefined);
    await lock.release();
  });
});
