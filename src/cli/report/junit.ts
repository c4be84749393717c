/**
 * JUnit XML, the format CI systems show as test results: one <testsuite>, one <testcase> per
 * file; a failing file has one <failure> listing its failing issues, an unreadable file an
 * <error>, and other issues (warnings, information) go to <system-out>.
 */
import type { Issue } from '../../model/issue.js';
import { issueLine } from './text.js';
import type { FileResult, Reporter } from './reporter.js';

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function testcase(result: FileResult, fails: (issue: Issue) => boolean): string {
  const open = `    <testcase classname="bars-validate" name="${xmlEscape(result.name)}">`;
  if (result.unreadable !== undefined) return `${open}\n      <error message="${xmlEscape(result.unreadable)}"/>\n    </testcase>`;
  const counted = result.issues.filter(fails);
  const others = result.issues.filter((i) => !counted.includes(i));
  const parts = [open];
  if (counted.length > 0) {
    const first = counted[0];
    parts.push(`      <failure message="${xmlEscape(`${counted.length} issue(s); first: ${first.ruleId}: ${first.message}`)}" type="${xmlEscape(first.ruleId)}">${xmlEscape(counted.map((i) => issueLine(result.name, i)).join('\n'))}</failure>`);
  }
  if (others.length > 0) parts.push(`      <system-out>${xmlEscape(others.map((i) => issueLine(result.name, i)).join('\n'))}</system-out>`);
  parts.push('    </testcase>');
  return parts.join('\n');
}

export const junitReporter: Reporter = {
  file: () => '',
  end(results, summary, { fails }) {
    const failures = summary.invalid;
    const errors = summary.unreadable;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="bars-validate" tests="${summary.files}" failures="${failures}" errors="${errors}">`,
      `  <testsuite name="bars-validate" tests="${summary.files}" failures="${failures}" errors="${errors}">`,
      ...results.map((result) => testcase(result, fails)),
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n');
  },
};
