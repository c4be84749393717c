import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

describe('element ids check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });
  const patient = (names: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', name: names, ...extra });

  it('reports an id shared by two items of one list, at the later item', () => {
    const issue = expectIssue(issuesOf(v, patient([{ id: 'n1', family: 'A' }, { id: 'n2', family: 'B' }, { id: 'n1', family: 'C' }])), 'element-id-duplicate', 'Patient.name[2]', 'error');
    expect(issue.message).toContain("Duplicate id value 'n1'");
  });

  it('accepts the same id in different lists, and resources sharing ids with elements', () => {
    expectNoIssue(issuesOf(v, patient([{ id: 'x', family: 'A' }], { telecom: [{ id: 'x', system: 'phone', value: '1' }] })), 'element-id-duplicate');
    // Contained resources are resources, not elements: their ids are not element ids.
    const contained = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, contained: [{ resourceType: 'Patient', id: 'a' }, { resourceType: 'Practitioner', id: 'a' }] };
    expectNoIssue(issuesOf(v, contained), 'element-id-duplicate');
  });
});
