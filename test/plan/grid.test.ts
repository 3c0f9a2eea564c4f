import { expect } from 'chai';
import { expandGrid } from '../../src/plan/grid.js';

describe('plan/grid', () => {
  const cases: [string, Record<string, unknown[]>, Record<string, unknown>[]][] = [
    ['empty grid → one point', {}, [{}]],
    ['one key', { a: [1, 2] }, [{ a: 1 }, { a: 2 }]],
    ['two keys, first slowest', { a: [1, 2], b: ['x', 'y'] }, [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]],
    ['list values stay whole', { p: ['none', ['input', 'pre']] }, [{ p: 'none' }, { p: ['input', 'pre'] }]],
  ];
  for (const [what, grid, expected] of cases) {
    it(what, () => expect(expandGrid(grid)).to.deep.equal(expected));
  }
});
