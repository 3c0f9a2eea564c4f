/** junitXml: counts, one testcase per verdict, escaping; well-formedness checked by xmllint when installed. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import type { Verdict } from '../../src/check/judge.js';
import { escapeXml, junitXml } from '../../src/check/junit.js';

const XMLLINT = '/usr/bin/xmllint';

const verdicts: Verdict[] = [
  { expectation: 0, column: 'test_accuracy_mean', point: 'noise.placement=input', value: 0.9, min: 0.8, passed: true, message: 'ok' },
  { expectation: 0, column: 'test_accuracy_mean', point: 'noise.placement=a<b>&"c\'', value: 0.7, min: 0.8, passed: false, message: 'expect[0] test_accuracy_mean ≥ 0.8 at "a<b>&c": 0.7 is below the minimum' },
  { expectation: 1, column: 'n', point: 'data.file=x\u0001y\ttab', value: null, min: 1, passed: false, message: 'no value\nsecond line' },
];

describe('junitXml', () => {
  const xml = junitXml(verdicts, 'grid & co');

  it('has one testcase per verdict and counts the failures', () => {
    expect(xml.match(/<testcase /g)).to.have.length(3);
    expect(xml.match(/<failure /g)).to.have.length(2);
    expect(xml).to.contain('<testsuite name="grid &amp; co" tests="3" failures="2" errors="0" skipped="0">');
    expect(xml).to.contain('classname="grid &amp; co.expect[1]" name="n at data.file=x\uFFFDy&#9;tab"');
  });

  it('escapes markup and quotes, and keeps newlines in attributes as references', () => {
    expect(xml).to.contain('name="test_accuracy_mean at noise.placement=a&lt;b&gt;&amp;&quot;c&apos;"');
    expect(xml).to.contain('message="no value&#10;second line"');
    expect(xml).not.to.contain('\u0001');
  });

  it('escapes every character XML 1.0 forbids or reserves', () => {
    expect(escapeXml('a\u0000b\uFFFEc\uD800d\uDC00e')).to.equal('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXml('\uD83D\uDE00')).to.equal('\uD83D\uDE00');
    expect(escapeXml('\r')).to.equal('&#13;');
  });

  it('is an empty, valid suite without verdicts', () => {
    expect(junitXml([], 's')).to.contain('tests="0" failures="0"');
  });

  it('is well-formed XML (xmllint)', function () {
    if (!existsSync(XMLLINT)) this.skip();
    for (const doc of [xml, junitXml([], 's')]) execFileSync(XMLLINT, ['--noout', '-'], { input: doc });
    const count = execFileSync(XMLLINT, ['--xpath', 'count(//testcase/failure)', '-'], { input: xml }).toString();
    expect(count.trim()).to.equal('2');
  });
});
