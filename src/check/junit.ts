/**
 * JUnit XML for `expect:` verdicts, the format CI systems (GitHub Actions reporters, GitLab, Jenkins) read:
 * one <testcase> per bound and grid point, <failure> with the verdict's message where it failed.
 */
import type { Verdict } from './judge.js';

/**
 * Text safe in XML 1.0 content and attributes: markup characters escaped; characters XML 1.0 forbids
 * (controls other than tab, newline and return; lone surrogates; U+FFFE, U+FFFF) replaced by U+FFFD;
 * tab, newline and return written as references so attribute normalization keeps them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * A JUnit XML document: one <testsuite> named `suiteName`, one <testcase> per verdict (classname
 * `<suite>.expect[i]`, name `<column> at <point>`), failures carrying the message.
 *
 * @param verdicts from judge
 * @param suiteName usually the study name
 * @returns the XML text, UTF-8, ending in a newline
 * @example
 * junitXml(judge(expectations, rows, gridKeys), 'gaussian-noise-grid');
 */
export function junitXml(verdicts: readonly Verdict[], suiteName: string): string {
  const failures = verdicts.filter((v) => !v.passed).length;
  const counts = `tests="${verdicts.length}" failures="${failures}" errors="0" skipped="0"`;
  const cases = verdicts.map((v) => {
    const attrs = `classname="${escapeXml(`${suiteName}.expect[${v.expectation}]`)}" name="${escapeXml(`${v.column} at ${v.point}`)}" time="0"`;
    if (v.passed) return `    <testcase ${attrs}/>`;
    return `    <testcase ${attrs}>\n      <failure type="BoundViolated" message="${escapeXml(v.message)}">${escapeXml(v.message)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suiteName)}" ${counts}>`,
    `  <testsuite name="${escapeXml(suiteName)}" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
