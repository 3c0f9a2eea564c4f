/**
 * clipInterval: exact values (clipping is a min and a max, no rounding), and on the t interval of two
 * accuracies 0.7 and 1.0, which scipy gives as t.interval(0.95, 1, loc=0.85, scale=sem) = (-1.0559307104648141,
 * 2.7559307104648143): an interval past both ends of [0, 1].
 */
import { expect } from 'chai';
import { ci95 } from '../../src/stats/ci95.js';
import { clipInterval, touchesBound, UNBOUNDED } from '../../src/stats/clip-interval.js';
import { summarizeGroup } from '../../src/stats/summarize-group.js';
import { expectClose } from './fixtures.js';

const UNIT = { min: 0, max: 1 };

describe('clipInterval', () => {
  it('cuts an interval at the bounds of the range and keeps the inside as it is', () => {
    expect(clipInterval({ low: 0.61, high: 1.136 }, UNIT)).to.deep.equal({ low: 0.61, high: 1 });
    expect(clipInterval({ low: -0.2, high: 0.3 }, UNIT)).to.deep.equal({ low: 0, high: 0.3 });
    expect(clipInterval({ low: 0.2, high: 0.3 }, UNIT)).to.deep.equal({ low: 0.2, high: 0.3 });
    expect(clipInterval({ low: -5, high: 12 }, { min: 0, max: Infinity })).to.deep.equal({ low: 0, high: 12 });
    expect(clipInterval({ low: -5, high: 12 }, UNBOUNDED)).to.deep.equal({ low: -5, high: 12 });
    expect(clipInterval({ low: null, high: null }, UNIT)).to.deep.equal({ low: null, high: null });
  });

  it("clips scipy's t interval of two accuracies, 0.7 and 1.0, to [0, 1]", () => {
    const t = ci95([0.7, 1.0]);
    expectClose(t.low, -1.0559307104648141, 'low', 1e-9);
    expectClose(t.high, 2.7559307104648143, 'high', 1e-9);
    expect(clipInterval(t, UNIT)).to.deep.equal({ low: 0, high: 1 });
    expect(summarizeGroup(null, [0.7, 1.0], UNIT)).to.include({ ci95Low: 0, ci95High: 1, mean: 0.85 });
    // Without a range, the t interval as it is.
    expectClose(summarizeGroup(null, [0.7, 1.0]).ci95High, 2.7559307104648143, 'unclipped', 1e-9);
  });

  it('says when an interval reaches a bound', () => {
    expect(touchesBound({ low: 0.61, high: 1 }, UNIT)).to.equal(true);
    expect(touchesBound({ low: 0.61, high: 0.99 }, UNIT)).to.equal(false);
    expect(touchesBound({ low: null, high: null }, UNIT)).to.equal(false);
    // Past the edge is an interval nobody clipped (a run: study's own metric, left unbounded): not "cut".
    expect(touchesBound({ low: -0.2, high: 0.5 }, UNIT)).to.equal(false);
  });

  it('refuses an empty range and NaN bounds, naming the function', () => {
    expect(() => clipInterval({ low: 0, high: 1 }, { min: 1, max: 0 })).to.throw(RangeError, /^clipInterval: expected min ≤ max/);
    expect(() => clipInterval({ low: NaN, high: 1 }, UNIT)).to.throw(RangeError, /^clipInterval: expected numbers/);
  });
});
