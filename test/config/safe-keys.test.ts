/**
 * Keys that reach object prototypes (__proto__, constructor, prototype) are refused at every entry point a
 * user's key comes through: --set paths, grid keys, and any YAML mapping key (in the file, in a --set value, in
 * a results directory's config.yaml). Each case also checks that Object.prototype was left alone.
 */
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { checkYamlKeys, reservedSegment } from '../../src/config/safe-keys.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { runCli } from '../helpers/cli.js';
import { tmpFile } from '../helpers/tmp.js';

const STUDY = 'name: s\nrepeats: 1\nmodel: { hidden: [4] }\ntrain: { epochs: 2 }\n';
const PROBES = ['polluted', 'x'];

/** Loads and plans a study as `sweep` does, returning the error message (or throwing when there is none). */
function refusal(yaml: string, set: string[] = []): string {
  const file = tmpFile('study.yaml', yaml);
  try {
    const loaded = loadStudy(file, { set });
    makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    const message = (err as Error).message;
    expect(message, 'one line').not.to.include('\n');
    return message.replaceAll(file, 'FILE');
  }
  throw new Error('expected an InputError');
}

describe('config/safe-keys: __proto__, constructor and prototype', () => {
  afterEach(() => {
    // A failing case must not leave the pollution behind for the others.
    for (const p of PROBES) delete (Object.prototype as Record<string, unknown>)[p];
  });
  const untouched = () => {
    for (const p of PROBES) expect(({} as Record<string, unknown>)[p], `Object.prototype.${p}`).to.equal(undefined);
  };

  it('finds a reserved segment in dotted and indexed keys', () => {
    expect(reservedSegment('noise.stddev')).to.equal(undefined);
    expect(reservedSegment('constructors.x')).to.equal(undefined);
    expect(reservedSegment('model.layers[0].__proto__')).to.equal('__proto__');
    expect(reservedSegment('constructor.prototype.x')).to.equal('constructor');
    expect(() => checkYamlKeys({ expect: [{ where: { 'noise.prototype': 1 } }] }, 'f.yaml')).to.throw(InputError, 'f.yaml: expect[0].where.noise.prototype: expected setting names, found "prototype"');
  });

  const setCases: [string, string][] = [
    ['__proto__.polluted=1', '__proto__'],
    ['constructor.prototype.polluted=1', 'constructor'],
    ['data.__proto__.polluted=1', '__proto__'],
    ['train.prototype=1', 'prototype'],
  ];
  for (const [assignment, segment] of setCases) {
    it(`refuses --set ${assignment}`, () => {
      const key = assignment.slice(0, assignment.indexOf('='));
      expect(refusal(STUDY, [assignment])).to.equal(`--set ${assignment}: ${key}: expected setting names, found "${segment}" (__proto__, constructor and prototype are refused: they would reach JavaScript's object prototypes)`);
      untouched();
    });
  }

  it('refuses a reserved key inside a --set value', () => {
    expect(refusal(STUDY, ['grid={__proto__: [1, 2]}'])).to.match(/^--set grid: __proto__: expected setting names, found "__proto__"/);
    untouched();
  });

  // On the previous main this grid key assigned Object.prototype.polluted (withPath walked into it).
  it('refuses a grid key that walks into a prototype, below a list the schema does not describe', () => {
    expect(refusal(`${STUDY}grid:\n  model.layers.__proto__.polluted: [1]\n`)).to.match(/^FILE: grid\.model\.layers\.__proto__\.polluted: expected setting names, found "__proto__"/);
    untouched();
  });

  it('refuses grid: { __proto__: [...] } (it used to set the grid\'s prototype and leave an empty grid)', () => {
    expect(refusal(`${STUDY}grid:\n  __proto__: [1, 2]\n`)).to.match(/^FILE: grid\.__proto__: expected setting names/);
  });

  const yamlCases: [string, string][] = [
    ['data: { __proto__: { generator: moons } }', 'data.__proto__'],
    ['constructor: { prototype: { polluted: 1 } }', 'constructor'],
    ['noise: { stddev: { input: 0.1, prototype: 0.2 } }', 'noise.stddev.prototype'],
    ['grid:\n  noise.placement: [none, pre]\nbaseline: { noise.__proto__: none }', 'baseline.noise.__proto__'],
    ['expect:\n  - where: { constructor: 1 }\n    test_accuracy_mean: { min: 0 }', 'expect[0].where.constructor'],
  ];
  for (const [yaml, key] of yamlCases) {
    it(`refuses the YAML key ${key}`, () => {
      expect(refusal(`${STUDY}${yaml}\n`)).to.match(new RegExp(`^FILE: ${key.replace(/[.[\]]/g, '\\$&')}: expected setting names, found "(__proto__|constructor|prototype)"`));
      untouched();
    });
  }

  it('builds the study object without Object.prototype where user keys land', () => {
    const { raw } = loadStudy(tmpFile('s.yaml', STUDY), { set: ['noise.stddev={input: 0.1}'] });
    expect(Object.getPrototypeOf(raw)).to.equal(null);
    expect(Object.getPrototypeOf(raw.model)).to.equal(null);
    expect(Object.getPrototypeOf((raw.noise as Record<string, unknown>).stddev)).to.equal(null);
  });

  it('the CLI: one line on stderr, exit 2, nothing written', async function () {
    this.timeout(20_000);
    const config = tmpFile('s.yaml', STUDY);
    const run = await runCli([config, '--set', '__proto__.polluted=1', '--out', `${config}-results`]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal(`sweep: --set __proto__.polluted=1: __proto__.polluted: expected setting names, found "__proto__" (__proto__, constructor and prototype are refused: they would reach JavaScript's object prototypes)\n`);
    expect(existsSync(`${config}-results`)).to.equal(false);
  });
});
