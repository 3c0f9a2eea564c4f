/** Axis ticks (src/report/charts/ticks.ts): labels that never repeat, whatever the range. */
import { expect } from 'chai';
import { accuracyVsXSpec } from '../../src/report/charts/accuracy-vs-x.js';
import { digestRuns } from '../../src/report/digest/run-digest.js';
import { boxPlotSpec } from '../../src/report/charts/box-plots.js';
import { renderSvg } from '../../src/report/charts/render-svg.js';
import { axisTicks, extentOf, niceStep } from '../../src/report/charts/ticks.js';

/** Every axis's tick labels in a rendered SVG, by the axis's aria-label. */
function axisLabels(svg: string): { axis: string; labels: string[] }[] {
  return [...svg.matchAll(/aria-label="([XY]-axis[^"]*)"/g)].map((m) => {
    const rest = svg.slice(m.index);
    return { axis: m[1]!, labels: [...rest.slice(0, rest.indexOf('role-axis-domain')).matchAll(/>([-0-9.e]+)<\/text>/g)].map((l) => l[1]!) };
  });
}

describe('axis ticks', () => {
  it('steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1, 5)).to.equal(0.2);
    expect(niceStep(0.0003, 5)).to.be.closeTo(0.0001, 1e-18);
    expect(niceStep(0.0009, 5)).to.be.closeTo(0.0002, 1e-18);
    expect(niceStep(24, 5)).to.equal(5);
  });

  it('gives the decimals the step needs: 0.4901 … 0.4904 for a range of 3e-4, 0.49000 … for 1.5e-4', () => {
    const t = axisTicks(0.4901, 0.4904, 5);
    expect(t.format).to.equal('.4f');
    expect(t.labels).to.deep.equal(['0.4901', '0.4902', '0.4903', '0.4904']);
    expect(t.domain).to.deep.equal([0.4901, 0.4904]);
    expect(axisTicks(0.49001, 0.49014, 5).labels).to.deep.equal(['0.49000', '0.49005', '0.49010', '0.49015']);
  });

  it('never repeats a label and always covers the data, over ranges from 1e-9 to 1e3', () => {
    for (const center of [0, 0.49, 0.995, 1, 37.5, -2.25]) {
      for (let e = -9; e <= 3; e++) {
        for (const m of [1, 1.3, 2.7, 4.9, 7.7]) {
          const span = m * 10 ** e;
          const t = axisTicks(center, center + span, 5);
          const context = `[${center}, ${center + span}]: ${t.labels.join(' ')}`;
          expect(new Set(t.labels).size, context).to.equal(t.labels.length);
          expect(t.values.length, context).to.be.within(2, 12);
          expect(t.domain[0], context).to.be.at.most(center);
          expect(t.domain[1], context).to.be.at.least(center + span);
        }
      }
    }
  });

  it('puts a single value between two ticks', () => {
    for (const v of [0, 0.5, 1, -3]) {
      const t = axisTicks(v, v, 5);
      expect(t.domain[0]).to.be.lessThan(v);
      expect(t.domain[1]).to.be.greaterThan(v);
      expect(new Set(t.labels).size).to.equal(t.labels.length);
    }
  });

  it('refuses a reversed or non-finite range', () => {
    expect(() => axisTicks(1, 0)).to.throw('axisTicks');
    expect(() => axisTicks(0, Number.NaN)).to.throw('axisTicks');
  });

  it('skips what is not a finite number when taking an extent', () => {
    expect(extentOf([null, 0.3, Number.NaN, 0.1, undefined, 0.2])).to.deep.equal([0.1, 0.3]);
    expect(extentOf([null])).to.equal(null);
  });

  it('the accuracy chart and the box plot label a 48,000-run-narrow range with distinct ticks', async () => {
    // Means 0.4901 to 0.4904 with intervals ± 5e-5: what a one-epoch study of 48,000 runs gives.
    const rows = [0.01, 0.1, 0.5].map((s, i) => ({ 'noise.placement': 'pre', 'noise.stddev': s, test_accuracy_mean: 0.4901 + 0.00015 * i, test_accuracy_ci95_low: 0.49005 + 0.00015 * i, test_accuracy_ci95_high: 0.49015 + 0.00015 * i }));
    rows.push({ 'noise.placement': 'none', 'noise.stddev': '' as unknown as number, test_accuracy_mean: 0.4902, test_accuracy_ci95_low: 0.49015, test_accuracy_ci95_high: 0.49025 });
    const chart = await renderSvg(accuracyVsXSpec({ rows, roles: { x: 'noise.stddev', panel: 'noise.placement', series: [] }, metrics: ['test_accuracy'], isBest: () => false }), 'c1-');
    const runs = Array.from({ length: 300 }, (_, i) => ({ p: ['a', 'b'][i % 2]!, repeat: i, status: 'ok', test_accuracy: 0.49 + 0.0003 * (((i * 7919) % 100) / 100) }));
    const box = await renderSvg(boxPlotSpec({ summary: [{ p: 'a' }, { p: 'b' }], digest: digestRuns(runs, { gridKeys: ['p'], metric: 'test_accuracy', points: 2 }), gridKeys: ['p'], roles: { series: [] }, metric: 'test_accuracy' }), 'c2-');
    const axes = [...axisLabels(chart), ...axisLabels(box)].filter((a) => a.labels.length > 0);
    expect(axes.length).to.be.at.least(3);
    for (const { axis, labels } of axes) {
      expect(labels.length, axis).to.be.at.least(3);
      expect(new Set(labels).size, `${axis}: ${labels.join(' ')}`).to.equal(labels.length);
    }
  });
});
