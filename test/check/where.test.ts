/** where: selections compare as the tables show values; blank (merged) cells match any value. */
import { expect } from 'chai';
import { isKnownValue, matchesWhere, pointLabel, valuesOf } from '../../src/check/where.js';

describe('where', () => {
  // As a plan holds them: placement none is one point for every stddev (stddev undefined).
  const planPoints = [
    { 'noise.placement': 'none', 'noise.stddev': undefined },
    { 'noise.placement': 'input', 'noise.stddev': 0.1 },
    { 'noise.placement': ['input', 'pre'], 'noise.stddev': 0.1 },
  ];
  // As summary.csv shows them.
  const rows = [
    { 'noise.placement': 'none', 'noise.stddev': '' },
    { 'noise.placement': 'input', 'noise.stddev': 0.1 },
    { 'noise.placement': 'input+pre', 'noise.stddev': 0.1 },
  ];

  it('selects plan points and summary rows alike, lists as "a+b"', () => {
    for (const points of [planPoints, rows]) {
      expect(points.map((p) => matchesWhere(p, { 'noise.placement': 'input' }))).to.deep.equal([false, true, false]);
      expect(points.map((p) => matchesWhere(p, { 'noise.placement': ['input', 'pre'] }))).to.deep.equal([false, false, true]);
      expect(points.map((p) => matchesWhere(p, {}))).to.deep.equal([true, true, true]);
    }
  });

  it('lets a blank cell match any value of its key: placement none is the run at every stddev', () => {
    expect(rows.map((p) => matchesWhere(p, { 'noise.stddev': 0.1 }))).to.deep.equal([true, true, true]);
    expect(rows.map((p) => matchesWhere(p, { 'noise.stddev': 0.5 }))).to.deep.equal([true, false, false]);
  });

  it('compares numbers by value: a YAML 0.10 is the cell 0.1, the CSV text "0.1" too', () => {
    expect(matchesWhere({ 'noise.stddev': '0.1' }, { 'noise.stddev': 0.1 })).to.equal(true);
    expect(matchesWhere({ 'noise.stddev': 0.1 }, { 'noise.stddev': 0.10 })).to.equal(true);
    expect(matchesWhere({ 'noise.stddev': 0.1 }, { 'noise.stddev': 0.01 })).to.equal(false);
  });

  it('matches a spreadsheet-safe cell ("\'-x") with the value written in the study ("-x")', () => {
    expect(matchesWhere({ 'data.file': "'-x.csv" }, { 'data.file': '-x.csv' })).to.equal(true);
  });

  it('lists known values and labels points without their blank keys', () => {
    expect(valuesOf(planPoints, 'noise.stddev')).to.deep.equal(['0.1']);
    expect(isKnownValue(rows, 'noise.placement', ['input', 'pre'])).to.equal(true);
    expect(isKnownValue(rows, 'noise.placement', 'post')).to.equal(false);
    expect(pointLabel(rows[0]!, ['noise.placement', 'noise.stddev'])).to.equal('noise.placement=none');
    expect(pointLabel(rows[2]!, ['noise.placement', 'noise.stddev'])).to.equal('noise.placement=input+pre, noise.stddev=0.1');
    expect(pointLabel({}, [])).to.equal('the study');
  });
});
