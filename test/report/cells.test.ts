import { expect } from 'chai';
import { renderValue, safeCell } from '../../src/report/cells.js';

describe('report/cells', () => {
  it('renders grid values compactly', () => {
    expect(renderValue(['input', 'pre'])).to.equal('input+pre');
    expect(renderValue({ input: 0.01, pre: 0.1 })).to.equal('input=0.01 pre=0.1');
    expect(renderValue(undefined)).to.equal('');
    expect(renderValue(0.5)).to.equal('0.5');
  });
  it('escapes text a spreadsheet would run as a formula, but keeps numbers', () => {
    expect(safeCell('=HYPERLINK("http://x")')).to.equal(`'=HYPERLINK("http://x")`);
    expect(safeCell('+cmd')).to.equal(`'+cmd`);
    expect(safeCell('-2+3')).to.equal(`'-2+3`);
    expect(safeCell('@SUM(A1)')).to.equal(`'@SUM(A1)`);
    expect(safeCell('-0.25')).to.equal('-0.25');
    expect(safeCell(-0.25)).to.equal(-0.25);
    expect(safeCell('pre')).to.equal('pre');
  });
});
