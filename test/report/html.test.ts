/**
 * The HTML report on small synthetic results (test/report/html-data.ts): structure, self-containment, and,
 * where /usr/bin/chromium exists, that a headless browser parses and screenshots it.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { renderReport } from '../../src/report/html.js';
import { METRICS, syntheticStudy } from './html-data.js';
import { dumpDom, runChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { tmpDir } from '../helpers/tmp.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('renderReport', () => {
  const study = syntheticStudy({ failEvery: 7 });
  let html: string;

  before(async () => {
    html = await renderReport({ name: 'small <study> & co', ...study, baselineLabel: 'noise.placement=none' });
  });

  it('has the summary table with one row per grid point, and three charts as inline SVG', () => {
    const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(count(tbody, /<tr[ >]/g)).to.equal(study.summary.length);
    expect(count(html, /<svg[ >]/g)).to.equal(3);
    expect(html).to.contain('<h2>Learning curves</h2>');
  });

  it('is self-contained: no script, no link, no URL of any kind', () => {
    expect(html).not.to.match(/<script|<link|<img|<iframe|@import|https?:|\bsrc=/i);
    // url(...) only for the SVGs' own clip paths, which are prefixed per chart so charts cannot share them.
    const urls = html.match(/url\([^)]*\)/g) ?? [];
    expect(urls.every((u) => /^url\(#c\d+-/.test(u))).to.equal(true);
    const ids = html.match(/ id="[^"]+"/g) ?? [];
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('escapes the study name', () => {
    expect(html).to.contain('<h1>small &lt;study&gt; &amp; co</h1>');
  });

  it('marks Holm-adjusted p-values of the sort metric with stars, the baseline, failed runs, and the best point per placement', () => {
    // Stars judge test accuracy only: the other metrics' p-values are shown without them.
    const holm = study.summary.map((r) => r.test_accuracy_p_holm).filter((p): p is number => typeof p === 'number');
    const others = study.summary.flatMap((r) => METRICS.filter((m) => m !== 'test_accuracy').map((m) => r[`${m}_p_holm`])).filter((p): p is number => typeof p === 'number');
    expect(others.filter((p) => p < 0.05).length, 'other metrics have significant p-values too').to.be.greaterThan(0);
    const stars = (level: string) => count(html, new RegExp(`<td class="num p[^"]*"[^>]*>[^<]* ${level.replace(/\*/g, '\\*')}<br>`, 'g'));
    expect(stars('***')).to.equal(holm.filter((p) => p < 0.001).length);
    expect(stars('**')).to.equal(holm.filter((p) => p >= 0.001 && p < 0.01).length);
    expect(stars('*')).to.equal(holm.filter((p) => p >= 0.01 && p < 0.05).length);
    expect(holm.filter((p) => p < 0.05).length, 'the sort metric has significant p-values').to.be.greaterThan(0);
    expect(html).to.contain('<span class="tag">baseline</span>');
    expect(html).to.match(/\d+ runs \(\d+ ok, \d+ failed\)/);
    const starred = study.best.groups.filter((g) => g.runnerUp !== null);
    expect(count(html, /<span class="star"/g)).to.equal(starred.length);
  });

  it('while the sweep runs: a reload in the head and a banner with the progress; neither on the final page', async () => {
    expect(html).not.to.match(/http-equiv|Sweep running/);
    const live = await renderReport({ name: 's', ...study, live: { done: 37, total: 210, failed: 2, refreshSeconds: 5, updated: new Date(2026, 10, 25, 14, 3, 7) } });
    const head = live.slice(0, live.indexOf('</head>'));
    expect(head).to.contain('<meta http-equiv="refresh" content="5">');
    expect(live).to.contain('<p class="live"><b>Sweep running:</b> 37 of 210 runs done (2 failed), updated 14:03:07. This page reloads every 5 s; the final report replaces it when the sweep ends.</p>');
  });

  it('leaves the learning curves out without a history, and the stddev chart without a numeric key', async () => {
    const noHistory = await renderReport({ name: 's', ...study, history: [] });
    expect(count(noHistory, /<svg[ >]/g)).to.equal(2);
    const placementsOnly = study.summary.filter((r) => r['noise.stddev'] === 0.1 || r['noise.stddev'] === '').map((r) => ({ ...r, 'noise.stddev': null }));
    const oneKey = await renderReport({ name: 's', gridKeys: ['noise.placement'], summary: placementsOnly, runs: study.runs });
    expect(count(oneKey, /<svg[ >]/g)).to.equal(1);
  });

  it('renders degenerate studies: one point without a grid, every run failed, nothing at all', async () => {
    const one = await renderReport({
      name: 'one',
      gridKeys: [],
      summary: [{ n: 3, failed: 0, test_accuracy_mean: 0.8, test_accuracy_std: 0.01, test_accuracy_ci95_low: 0.78, test_accuracy_ci95_high: 0.82 }],
      runs: [0.79, 0.8, 0.81].map((v, repeat) => ({ repeat, test_accuracy: String(v), status: 'ok' })),
      history: [1, 2].flatMap((epoch) => [0, 1].map((repeat) => ({ repeat, epoch, metric: 'test_accuracy', value: 0.5 + epoch / 10 }))),
    });
    // No x key: box plot (from CSV text values) and learning curves only.
    expect(count(one, /<svg[ >]/g)).to.equal(2);
    const failed = await renderReport({
      name: 'failed',
      gridKeys: ['noise.stddev'],
      summary: [0.1, 0.2].map((s) => ({ 'noise.stddev': s, n: 0, failed: 2, test_accuracy_mean: null, test_accuracy_std: null })),
      runs: [{ 'noise.stddev': 0.1, repeat: 0, test_accuracy: '', status: 'failed' }],
    });
    expect(count(failed, /<svg[ >]/g)).to.equal(0);
    expect(failed).to.contain('<td class="num failed">2</td>');
    expect(count(await renderReport({ name: 'empty', gridKeys: ['noise.stddev'], summary: [], runs: [] }), /<svg[ >]/g)).to.equal(0);
  });

  it('charts the metric the table sorts by, with its direction: test mse for regression, test mae when trained on it', async () => {
    const row = (placement: string, stddev: number | string, mse: number) => ({ 'noise.placement': placement, 'noise.stddev': stddev, n: 2, failed: 0, test_mse_mean: mse, test_mse_std: 1, test_mse_ci95_low: mse - 1, test_mse_ci95_high: mse + 1, test_mae_mean: mse / 4, test_mae_std: 0.2, test_mae_ci95_low: mse / 4 - 0.2, test_mae_ci95_high: mse / 4 + 0.2, train_mse_mean: 1, train_mse_std: 0.1 });
    const summary = [row('none', '', 11), row('pre', 0.1, 9), row('pre', 0.5, 10)];
    const runs = summary.flatMap((r) => [0, 1].map((repeat) => ({ 'noise.placement': r['noise.placement'], 'noise.stddev': r['noise.stddev'], repeat, status: 'ok', test_mse: r.test_mse_mean + repeat, test_mae: r.test_mae_mean, train_mse: 1 })));
    const page = await renderReport({ name: 'r', gridKeys: ['noise.placement', 'noise.stddev'], summary, runs });
    const headings = [...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).to.include.members(['test mse and train mse vs noise.stddev (lower is better)', 'test mse per grid point (lower is better)']);
    expect(page).not.to.match(/<h2>test mae/);
    const byMae = await renderReport({ name: 'r', gridKeys: ['noise.placement', 'noise.stddev'], summary, runs, sortMetric: 'test_mae' });
    expect(byMae).to.contain('<h2>test mae per grid point (lower is better)</h2>');
  });

  it('is parsed and screenshotted by headless Chromium', function () {
    skipWithoutChromium(this);
    this.timeout(90_000);
    const dir = tmpDir('report-');
    const page = join(dir, 'report.html');
    const png = join(dir, 'report.png');
    writeFileSync(page, html);
    // The browser's DOM has what the file has: every chart and every row survived HTML parsing.
    const dom = dumpDom(page);
    expect(count(dom, /<svg[ >]/g)).to.equal(3);
    expect(count(dom, /<tr[ >]/g)).to.equal(count(html, /<tr[ >]/g));
    runChromium(page, ['--window-size=1300,2400', `--screenshot=${png}`]);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).to.equal('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).to.deep.equal([1300, 2400]);
    // A blank page of this size compresses to a few kB; tables, text and charts do not.
    expect(statSync(png).size).to.be.greaterThan(60_000);
  });
});
