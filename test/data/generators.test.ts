/**
 * makeCircles/makeMoons against scikit-learn 1.2.1 + numpy 1.24.2 (test/fixtures/data/*.csv and manifest.json,
 * from test/fixtures/gen/make_data.py, numpy's AVX-512 loops off so it calls glibc 2.36's libm).
 * Every double must be identical except the listed deviations: elements where glibc's sin, cos or log misses
 * the nearest double; there the port must give what sklearn's algorithm gives with a correctly rounded libm.
 */
import { expect } from 'chai';
import { makeCircles } from '../../src/data/circles.js';
import type { Table } from '../../src/data/dataset.js';
import { makeMoons } from '../../src/data/moons.js';
import { readCsvRows, readJson, type Manifest, type ManifestTable } from './fixtures.js';

const manifest = readJson<Manifest>('manifest.json');

function generate(t: ManifestTable): Table {
  const noise = t.noise ?? undefined;
  return t.generator === 'circles'
    ? makeCircles({ samples: t.samples, noise, seed: t.seed, factor: t.factor!, shuffle: t.shuffle })
    : makeMoons({ samples: t.samples, noise, seed: t.seed, shuffle: t.shuffle });
}

describe(`makeCircles / makeMoons against scikit-learn ${manifest.sklearn}`, () => {
  for (const t of manifest.tables) {
    it(`${t.file}: same labels, same doubles${t.deviations.length ? ` (${t.deviations.length} glibc deviation(s))` : ''}`, () => {
      const { rows } = readCsvRows(t.file);
      const table = generate(t);
      expect(table.nFeatures).to.equal(2);
      expect(Array.from(table.y)).to.deep.equal(rows.map((r) => Number(r[2])));
      const expected = rows.flatMap((r) => [Number(r[0]), Number(r[1])]);
      for (const d of t.deviations) {
        expect(expected[2 * d.row + d.col]).to.equal(d.sklearn);
        expected[2 * d.row + d.col] = d.correctlyRounded;
      }
      const differing = Array.from(table.X).flatMap((v, i) => (v === expected[i] ? [] : [`row ${i >> 1} col ${i & 1}: ${v} !== ${expected[i]}`]));
      expect(differing).to.deep.equal([]);
    });
  }

  it('covers the tutorial dataset, and it has no deviation', () => {
    const tutorial = manifest.tables.find((t) => t.generator === 'circles' && t.samples === 100 && t.noise === 0.1 && t.seed === 1 && t.factor === 0.8);
    expect(tutorial?.deviations).to.deep.equal([]);
  });

  it('deviations are rare and one ulp-ish: glibc is right to within 0.1% of calls', () => {
    const all = manifest.tables.flatMap((t) => t.deviations);
    const values = manifest.tables.reduce((n, t) => n + 2 * t.samples, 0);
    expect(all.length).to.be.greaterThan(0).and.below(values / 100);
    for (const d of all) expect(Math.abs(d.sklearn - d.correctlyRounded)).to.be.at.most(2 * Number.EPSILON * Math.max(1, Math.abs(d.sklearn)));
  });

  it('puts the extra point of an odd count in the inner circle / lower moon', () => {
    for (const make of [() => makeCircles({ samples: 7, seed: 0, factor: 0.5 }), () => makeMoons({ samples: 7, seed: 0 })]) {
      const y = Array.from(make().y);
      expect(y.filter((v) => v === 1).length).to.equal(4);
    }
  });

  it('refuses sample counts and factors sklearn would refuse', () => {
    expect(() => makeCircles({ samples: 0, seed: 1, factor: 0.8 })).to.throw(RangeError);
    expect(() => makeCircles({ samples: 10, seed: 1, factor: 1 })).to.throw(RangeError);
    expect(() => makeMoons({ samples: 2.5, seed: 1 })).to.throw(RangeError);
  });
});
