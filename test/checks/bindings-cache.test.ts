import { describe, expect, it } from 'vitest';
import { createBindingsCheck } from '../../src/checks/bindings.js';
import type { CheckContext, IssueInput, NodeVisit } from '../../src/checks/check.js';
import type { ElementPlan } from '../../src/model/plan.js';
import type { CodeToCheck, Terminology } from '../../src/terminology/index.js';

// A terminology that knows one code and counts the questions it is asked.
function countingTerminology(): { terminology: Terminology; asked: string[] } {
  const asked: string[] = [];
  const terminology = {
    validateCode(code: CodeToCheck, valueSet: string) {
      asked.push(`${valueSet} ${code.code}`);
      return code.code === 'good' ? { result: 'valid' } : { result: 'invalid' };
    },
  } as unknown as Terminology;
  return { terminology, asked };
}

const element = { path: 'X.status', binding: { strength: 'required', valueSet: 'http://example.org/vs' } } as unknown as ElementPlan;

function checkCodes(check: ReturnType<typeof createBindingsCheck>, terminology: Terminology, codes: string[]): string[] {
  const reported: string[] = [];
  const ctx = { services: { terminology }, report: (issue: IssueInput) => reported.push(issue.ruleId) } as unknown as CheckContext;
  for (const code of codes) {
    const visit = { value: code, element, typeCode: 'code', role: 'element', key: 'status' } as unknown as NodeVisit;
    check.checkNode!(visit, ctx);
  }
  return reported;
}

describe('bindings check answer cache', () => {
  it('asks the terminology once per value set and code', () => {
    const { terminology, asked } = countingTerminology();
    const reported = checkCodes(createBindingsCheck(), terminology, ['good', 'bad', 'good', 'bad']);
    expect(asked).toEqual(['http://example.org/vs good', 'http://example.org/vs bad']);
    expect(reported).toEqual(['binding-required', 'binding-required']);
  });

  it('starts again past its limit, and still answers the same', () => {
    const { terminology, asked } = countingTerminology();
    const check = createBindingsCheck(2);
    const reported = checkCodes(check, terminology, ['good', 'bad', 'other', 'good', 'bad']);
    // 'other' passes the limit of 2: the cache starts again, so 'good' is asked again, then 'bad' is asked again.
    expect(asked).toEqual(['http://example.org/vs good', 'http://example.org/vs bad', 'http://example.org/vs other', 'http://example.org/vs good', 'http://example.org/vs bad']);
    expect(reported).toEqual(['binding-required', 'binding-required', 'binding-required']);
  });
});
