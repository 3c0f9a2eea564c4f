/**
 * The live report: throttled, atomic rewrites of report.html while runs come in (unit tests with a page of
 * our own and a clock of our own), and in a real sweep, read by headless Chromium at an intermediate point.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDER_BUDGET, startLiveReport } from '../../src/report/live-report.js';
import { BIN } from '../helpers/cli.js';
import { dumpDom, skipWithoutChromium } from '../helpers/chromium.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

/** A controllable page: each render returns "page N" after the test releases it (or at once). */
function pages(opts: { hold?: boolean; clock?: { t: number }; took?: number[] } = {}) {
  let rendered = 0;
  const waiting: (() => void)[] = [];
  const render = async (): Promise<string> => {
    const n = ++rendered;
    if (opts.clock && opts.took) opts.clock.t += opts.took[n - 1] ?? 0;
    if (opts.hold) await new Promise<void>((resolve) => waiting.push(resolve));
    return `page ${n}`;
  };
  return { render, rendered: () => rendered, release: () => waiting.splice(0).forEach((r) => r()) };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('report/live-report', () => {
  it('writes at once, then coalesces updates until the gap has passed; stop() ends it', async () => {
    const dir = tmpDir();
    const path = join(dir, 'report.html');
    const page = pages();
    const live = startLiveReport({ path, everySeconds: 3600, render: page.render, onError: (e) => { throw e; } });
    for (let i = 0; i < 100; i++) live.update();
    await settle();
    await live.stop();
    expect(page.rendered()).to.equal(1);
    expect(readFileSync(path, 'utf8')).to.equal('page 1');
    live.update();
    await settle();
    expect(page.rendered()).to.equal(1);
    // Atomic: the temp file was renamed into place, nothing else is left.
    expect(readdirSync(dir)).to.deep.equal(['report.html']);
  });

  it('renders again once the one in flight is done, with what came in meanwhile', async () => {
    const path = join(tmpDir(), 'report.html');
    const page = pages({ hold: true });
    // A clock that stands still: renders take no time, so no budget delays the next one.
    const live = startLiveReport({ path, everySeconds: 0, render: page.render, onError: (e) => { throw e; }, now: () => 0 });
    live.update();
    live.update();
    live.update();
    expect(page.rendered()).to.equal(1);
    page.release();
    await settle();
    await settle();
    expect(page.rendered()).to.equal(2);
    expect(readFileSync(path, 'utf8')).to.equal('page 1');
    page.release();
    await settle();
    await live.stop();
    expect(readFileSync(path, 'utf8')).to.equal('page 2');
    expect(live.stats().writes).to.equal(2);
  });

  it('never writes after stop(), even a render that was in flight: the final report must not be overwritten', async () => {
    const path = join(tmpDir(), 'report.html');
    const page = pages({ hold: true });
    const live = startLiveReport({ path, everySeconds: 0, render: page.render, onError: (e) => { throw e; } });
    live.update();
    const stopped = live.stop();
    writeFileSync(path, 'final');
    page.release();
    await stopped;
    expect(readFileSync(path, 'utf8')).to.equal('final');
    expect(live.stats().writes).to.equal(0);
  });

  it(`keeps rendering within ${RENDER_BUDGET * 100} % of the time, judged by the faster of the last two renders`, async () => {
    const clock = { t: 0 };
    // Renders "take" 10, 3000 (cold), 700 and 800 ms of the test's clock.
    const page = pages({ clock, took: [10, 3000, 700, 800] });
    const live = startLiveReport({ path: join(tmpDir(), 'report.html'), everySeconds: 1, render: page.render, onError: (e) => { throw e; }, now: () => clock.t });
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.t += 100_000; // long enough for the next rewrite to be due
      live.update();
      await settle();
      gaps.push(live.stats().gapMs);
    }
    await live.stop();
    const factor = 1 / RENDER_BUDGET - 1;
    expect(gaps).to.deep.equal([1000, 1000, 700 * factor, 700 * factor]);
    expect(live.stats().busyMs).to.equal(4510);
  });

  it('a render that fails is reported once and ends the live page', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const live = startLiveReport({ path: join(tmpDir(), 'report.html'), everySeconds: 0, render: async () => { calls++; throw new Error('disk full'); }, onError: (e) => errors.push(e) });
    live.update();
    await settle();
    live.update();
    await settle();
    await live.stop();
    expect(calls).to.equal(1);
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['disk full']);
  });
});

// Enough runs that the sweep is still going when the test has seen a rewrite with some of them done; the test
// then stops it with SIGINT, which ends it like a finished sweep (the final report written) without the wait.
// 3000 epochs: with 300 the whole sweep took 6.8 s on 2026-12-08 and once, in a full suite run, ended before the
// test saw a page from its middle (the fused engine had become faster).
const LONG = `name: live
seed: 2
repeats: 400
model: { hidden: [32] }
train: { epochs: 3000 }
noise: { stddev: 0.1 }
grid:
  noise.placement: [none, input, pre]
`;

describe('live report.html in a real sweep', function () {
  this.timeout(120_000);
  let snapshot = '';
  let snapshotFile = '';
  let final = '';
  let stderr = '';
  let code: number | null = null;
  let report = '';

  before(async () => {
    const out = join(tmpDir('live-sweep-'), 'r');
    report = join(out, 'report.html');
    const child = spawn(process.execPath, [BIN, tmpFile('live.yaml', LONG), '--out', out, '--workers', '2', '--report-every', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('close', (c) => { code = c; resolve(); }));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && code === null) {
      const text = existsSync(report) ? readFileSync(report, 'utf8') : '';
      const done = /Sweep running:<\/b> (\d+) of (\d+) runs done/.exec(text);
      // A page from the middle of the sweep: some runs done, charts drawn from them.
      if (done && Number(done[1]) >= 6 && Number(done[1]) < Number(done[2]) && text.includes('<svg')) {
        snapshot = text;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGINT');
    await exited;
    snapshotFile = tmpFile('snapshot.html', snapshot);
    final = readFileSync(report, 'utf8');
  });

  it('names the report on the progress output before anything else', () => {
    expect(stderr.split('\n')[0]).to.equal(`live report: ${report} (reloads every 1 s while the sweep runs)`);
  });

  it('rewrites report.html while runs come in: the progress in a banner, a reload every second, the table so far', () => {
    expect(snapshot, 'a page written mid-sweep').not.to.equal('');
    expect(snapshot).to.match(/<head>[^]*<meta http-equiv="refresh" content="1">[^]*<\/head>/);
    expect(snapshot).to.match(/<b>Sweep running:<\/b> \d+ of 1200 runs done, updated \d\d:\d\d:\d\d\. This page reloads every 1 s/);
    const tbody = snapshot.slice(snapshot.indexOf('<tbody>'), snapshot.indexOf('</tbody>'));
    expect((tbody.match(/<tr[ >]/g) ?? []).length).to.equal(3);
  });

  it('ends with the final page: no reload, no banner (here after SIGINT, which finishes like a sweep)', () => {
    expect(code).to.equal(130);
    expect(final).not.to.match(/http-equiv|Sweep running/);
    expect(final).to.contain('<tbody>');
  });

  it('is read by headless Chromium at that intermediate point: the reload in the head, the banner, the charts', function () {
    skipWithoutChromium(this);
    const dom = dumpDom(snapshotFile);
    const head = dom.slice(0, dom.indexOf('</head>'));
    expect(head).to.contain('<meta http-equiv="refresh" content="1">');
    expect(dom).to.match(/<p class="live"><b>Sweep running:<\/b> \d+ of 1200 runs done/);
    expect((dom.match(/<svg[ >]/g) ?? []).length).to.equal((snapshot.match(/<svg[ >]/g) ?? []).length);
    expect((dom.match(/<svg[ >]/g) ?? []).length).to.be.greaterThan(0);
  });
});
