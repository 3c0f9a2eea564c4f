/** The report's chart pieces: grid-key roles, learning-curve aggregation, text widths, SVG rendering. */
import { expect } from 'chai';
import { accuracyVsXSpec } from '../../src/report/charts/accuracy-vs-x.js';
import { digestRuns } from '../../src/report/digest/run-digest.js';
import { boxPlotSpec, ROW_STEP } from '../../src/report/charts/box-plots.js';
import { aggregateCurves, epochsToDraw, MAX_EPOCHS_DRAWN } from '../../src/report/charts/learning-curves.js';
import { renderSvg } from '../../src/report/charts/render-svg.js';
import { chooseRoles, pointName } from '../../src/report/charts/roles.js';
import { estimateTextWidth } from '../../src/report/charts/text-width.js';

describe('report charts', () => {
  it('puts noise.stddev on x and noise.placement in panels, other keys in series', () => {
    const rows = [
      { 'noise.placement': 'input', 'noise.stddev': 0.1, 'train.epochs': 100 },
      { 'noise.placement': 'pre', 'noise.stddev': 0.2, 'train.epochs': 200 },
    ];
    expect(chooseRoles(['noise.placement', 'noise.stddev'], rows)).to.deep.equal({ x: 'noise.stddev', panel: 'noise.placement', series: [] });
    expect(chooseRoles(['train.epochs', 'noise.placement', 'noise.stddev'], rows)).to.deep.equal({ x: 'noise.stddev', panel: 'noise.placement', series: ['train.epochs'] });
    expect(chooseRoles(['train.epochs'], rows)).to.deep.equal({ x: 'train.epochs', panel: undefined, series: [] });
    expect(chooseRoles(['noise.placement'], rows)).to.deep.equal({ x: undefined, panel: 'noise.placement', series: [] });
  });

  it('names points by their values, leaving blank cells out', () => {
    expect(pointName({ a: 'input', b: 0.1 }, ['a', 'b'])).to.equal('input · 0.1');
    expect(pointName({ a: 'none', b: '' }, ['a', 'b'])).to.equal('none');
  });

  it('draws at most MAX_EPOCHS_DRAWN epochs per curve, first and last included', () => {
    const epochs = Array.from({ length: 4000 }, (_, i) => i + 1);
    const kept = [...epochsToDraw(epochs)];
    expect(kept.length).to.be.at.most(MAX_EPOCHS_DRAWN + 1);
    expect(kept.length).to.be.greaterThan(MAX_EPOCHS_DRAWN / 2);
    expect(kept).to.include.members([1, 4000]);
    expect([...epochsToDraw([5, 10, 15])]).to.deep.equal([5, 10, 15]);
  });

  it('averages curves over repeats with ± 1 sample sd, and copies the reference into every panel', () => {
    const h = (placement: string, stddev: number | string, repeat: number, value: number) => ({ 'noise.placement': placement, 'noise.stddev': stddev, repeat, epoch: 10, metric: 'test_accuracy', value });
    const history = [h('none', '', 0, 0.7), h('none', '', 1, 0.8), h('input', 0.1, 0, 0.8), h('input', 0.1, 1, 0.9), h('input', 0.1, 2, 1.0), h('pre', 0.1, 0, 0.6)];
    const curves = aggregateCurves(history, { x: 'noise.stddev', panel: 'noise.placement', series: [] });
    const input = curves.find((c) => c.panel === 'input' && !c.reference)!;
    // mean 0.9, sample sd 0.1 (numpy: np.std([0.8, 0.9, 1.0], ddof=1) = 0.09999999999999998)
    expect(input.mean).to.be.closeTo(0.9, 1e-15);
    expect(input.high - input.mean).to.be.closeTo(0.1, 1e-15);
    expect(input.n).to.equal(3);
    const pre = curves.find((c) => c.panel === 'pre' && !c.reference)!;
    expect([pre.low, pre.high]).to.deep.equal([0.6, 0.6]);
    const refs = curves.filter((c) => c.reference);
    expect(refs.map((c) => c.panel).sort()).to.deep.equal(['input', 'pre']);
    expect(refs.every((c) => c.curve === 'none' && Math.abs(c.mean - 0.75) < 1e-15)).to.equal(true);
    expect(curves.some((c) => c.panel === 'none')).to.equal(false);
  });

  it('estimates text widths from Arial advance widths', () => {
    // "0.05": three digits (0.556 em) and a period (0.278 em) at 11 px.
    expect(estimateTextWidth('0.05', 11)).to.be.closeTo((3 * 0.556 + 0.278) * 11, 1e-12);
    expect(estimateTextWidth('Mean', 10, true)).to.be.greaterThan(estimateTextWidth('Mean', 10));
  });

  it('renders a vega-lite spec to SVG without namespaces, with ids prefixed per chart', async () => {
    const spec = { data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] }, mark: { type: 'line' as const, clip: true }, encoding: { x: { field: 'a', type: 'quantitative' as const }, y: { field: 'b', type: 'quantitative' as const } } };
    const one = await renderSvg(spec, 'c1-');
    const two = await renderSvg(spec, 'c2-');
    expect(one).to.match(/^<svg /);
    expect(one).not.to.contain('xmlns');
    const ids = (svg: string) => (svg.match(/ id="([^"]+)"/g) ?? []).map((s) => s.slice(5, -1));
    expect(ids(one).length).to.be.greaterThan(0);
    expect(ids(one).every((id) => id.startsWith('c1-'))).to.equal(true);
    expect(ids(two).some((id) => ids(one).includes(id))).to.equal(false);
    expect(one).to.match(/url\(#c1-/);
  });

  it('refuses to load data from anywhere', async () => {
    const spec = { data: { url: 'data.csv' }, mark: 'point' as const, encoding: { x: { field: 'a', type: 'quantitative' as const } } };
    let error: unknown;
    try {
      await renderSvg(spec, 'c1-');
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('inline data only');
  });

  /** The translate(x,y) of every element of the given class in a rendered SVG, with its aria-label. */
  function marksOf(svg: string, role: string): { x: number; y: number; label: string }[] {
    const group = svg.slice(svg.indexOf(role));
    const body = group.slice(0, group.indexOf('</g>'));
    return [...body.matchAll(/aria-label="([^"]*)"[^>]*transform="translate\(([-\d.e]+),([-\d.e]+)\)"/g)].map((m) => ({ label: m[1]!, x: Number(m[2]), y: Number(m[3]) }));
  }

  it("box plots: every run's dot stays inside its own row, and the first and last rows inside the frame", async () => {
    const gridKeys = ['p'];
    const summary = ['a', 'b', 'c', 'd'].map((p) => ({ p }));
    const runs = summary.flatMap(({ p }, i) => Array.from({ length: 12 }, (_, repeat) => ({ p, repeat, status: 'ok', test_accuracy: 0.9 + 0.01 * i + 0.001 * repeat })));
    const svg = await renderSvg(boxPlotSpec({ summary, digest: digestRuns(runs, { gridKeys, metric: 'test_accuracy', points: summary.length }), gridKeys, roles: { series: [] }, metric: 'test_accuracy' }), 'c1-');
    const dots = marksOf(svg, 'mark-symbol role-mark');
    expect(dots).to.have.length(48);
    const radius = Math.sqrt(18 / Math.PI);
    for (const dot of dots) {
      const row = ['a', 'b', 'c', 'd'].indexOf(/p: (\w)/.exec(dot.label)![1]!);
      // Row r spans [r·step, (r + 1)·step) from the top of the plot (the frame is [0, 4·step]).
      expect(dot.y - radius, dot.label).to.be.at.least(row * ROW_STEP);
      expect(dot.y + radius, dot.label).to.be.at.most((row + 1) * ROW_STEP);
    }
    // Spread over the row, not piled on one line.
    expect(new Set(dots.map((d) => d.y)).size).to.be.greaterThan(4);
  });

  it('labels a narrow y range with distinct ticks (0.990 to 0.994, not "0.99 0.99 0.99")', async () => {
    const rows = [0.01, 0.1, 0.5].map((s, i) => ({ 'noise.placement': 'pre', 'noise.stddev': s, train_accuracy_mean: 0.9935 - 0.0015 * i, train_accuracy_ci95_low: 0.993 - 0.0015 * i, train_accuracy_ci95_high: 0.994 - 0.0015 * i }));
    const svg = await renderSvg(accuracyVsXSpec({ rows, roles: { x: 'noise.stddev', panel: 'noise.placement', series: [] }, metrics: ['train_accuracy'], isBest: () => false }), 'c1-');
    const yAxis = svg.slice(svg.indexOf("Y-axis"));
    const labels = [...yAxis.slice(0, yAxis.indexOf('role-axis-domain')).matchAll(/>([0-9.]+)<\/text>/g)].map((m) => m[1]!);
    expect(labels.length).to.be.at.least(3);
    expect(new Set(labels).size, labels.join(' ')).to.equal(labels.length);
  });
});
