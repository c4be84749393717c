import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Validator } from '../../src/api/index.js';
import type { ConformanceResource } from '../../src/defs/types.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { agreement, readCases } from '../conformance/cases.js';
import { runCases } from '../conformance/run-cases.js';
import { describeWithShared, sharedPath } from '../support/shared.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const GROUPS = 'http://example.com/measure-groups';

const population = (code: string, extra: Record<string, unknown> = {}) => ({ code: { coding: [{ system: POPULATION, code }] }, ...extra });
const concept = (code: string) => ({ coding: [{ system: GROUPS, code }] });

function measure(name: string, scoring: string | undefined, group: unknown[]): ConformanceResource {
  return {
    resourceType: 'Measure', url: `http://example.com/fhir/Measure/${name}`, status: 'active',
    ...(scoring ? { scoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: scoring }] } } : {}),
    group,
  };
}

const PROPORTION = measure('proportion', 'proportion', [{
  population: [population('numerator'), population('denominator')],
  stratifier: [{ code: { text: 'age' } }],
}]);
const COHORT = measure('cohort', 'cohort', [{ population: [population('initial-population')] }]);
const TWO_GROUPS = measure('two-groups', 'cohort', [
  { code: concept('a'), population: [population('initial-population')] },
  { code: concept('b'), population: [population('initial-population')] },
]);

function report(measureName: string, group: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'MeasureReport', status: 'complete', type: 'summary',
    measure: `http://example.com/fhir/Measure/${measureName}`,
    period: { start: '2024-01-01', end: '2024-03-31' },
    group, ...extra,
  };
}

const goodProportionGroup = () => ({
  population: [population('numerator', { count: 5 }), population('denominator', { count: 10 })],
  measureScore: { value: 0.5 },
  stratifier: [{ code: [{ text: 'age' }], stratum: [{ value: { text: 'under 10' } }] }],
});

function ours(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.ruleId.startsWith('measure-report') && i.severity !== 'information');
}

describe('measure-report check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([PROPORTION, COHORT, TWO_GROUPS]);
  });

  it('accepts a report that matches its Measure', () => {
    expect(ours(issuesOf(v, report('proportion', [goodProportionGroup()])))).toEqual([]);
  });

  it('warns when the Measure cannot be found', () => {
    expectIssue(issuesOf(v, report('nowhere', [])), 'measure-report-measure-unknown', 'MeasureReport.measure', 'warning');
  });

  it('reports a population the Measure does not define, and one it defines that is left out', () => {
    const group = { ...goodProportionGroup(), population: [population('numerator', { count: 5 }), population('denominator-exclusion', { count: 1 })] };
    const issues = issuesOf(v, report('proportion', [group]));
    expectIssue(issues, 'measure-report-population-unmatched', 'MeasureReport.group[0].population[1]', 'error');
    expectIssue(issues, 'measure-report-population-missing', 'MeasureReport.group[0]', 'error');
  });

  it('only warns about a missing population while the report is pending', () => {
    const group = { ...goodProportionGroup(), population: [population('numerator', { count: 5 })] };
    expectIssue(issuesOf(v, report('proportion', [group], { status: 'pending' })), 'measure-report-population-missing', 'MeasureReport.group[0]', 'warning');
  });

  it('reports a population given twice', () => {
    const group = { ...goodProportionGroup(), population: [population('numerator', { count: 5 }), population('denominator', { count: 10 }), population('numerator', { count: 6 })] };
    const issue = expectIssue(issuesOf(v, report('proportion', [group])), 'measure-report-population-unmatched', 'MeasureReport.group[0].population[2]', 'error');
    expect(issue.message).toContain('already');
  });

  it('forbids a measureScore for cohort scoring and requires one for proportion scoring', () => {
    const cohort = (score?: unknown) => report('cohort', [{ population: [population('initial-population', { count: 3 })], ...(score ? { measureScore: score } : {}) }]);
    expect(ours(issuesOf(v, cohort()))).toEqual([]);
    expectIssue(issuesOf(v, cohort({ value: 3 })), 'measure-report-score-prohibited', 'MeasureReport.group[0].measureScore', 'error');
    const { measureScore: _omitted, ...withoutScore } = goodProportionGroup();
    expectIssue(issuesOf(v, report('proportion', [withoutScore])), 'measure-report-score-missing', 'MeasureReport.group[0]', 'error');
    expectNoIssue(issuesOf(v, report('proportion', [withoutScore], { status: 'pending' })), 'measure-report-score-missing');
  });

  it('keeps a proportion score between 0 and 1 and without units', () => {
    expectIssue(issuesOf(v, report('proportion', [{ ...goodProportionGroup(), measureScore: { value: 1.5 } }])), 'measure-report-score-range', 'MeasureReport.group[0].measureScore', 'error');
    expectIssue(issuesOf(v, report('proportion', [{ ...goodProportionGroup(), measureScore: { value: 0.5, unit: '%' } }])), 'measure-report-score-unit', 'MeasureReport.group[0].measureScore', 'error');
  });

  it('matches stratifiers by code or text, and reports unmatched and missing ones', () => {
    const group = { ...goodProportionGroup(), stratifier: [{ code: [{ text: 'sex' }] }] };
    const issues = issuesOf(v, report('proportion', [group]));
    expectIssue(issues, 'measure-report-stratifier-unmatched', 'MeasureReport.group[0].stratifier[0]', 'error');
    expectIssue(issues, 'measure-report-stratifier-missing', 'MeasureReport.group[0]', 'error');
  });

  it('matches several groups by code and reports unknown, duplicate and missing groups', () => {
    const group = (code?: string) => ({ ...(code ? { code: concept(code) } : {}), population: [population('initial-population', { count: 1 })] });
    expect(ours(issuesOf(v, report('two-groups', [group('a'), group('b')])))).toEqual([]);
    const issues = issuesOf(v, report('two-groups', [group('a'), group('a'), group()]));
    expectIssue(issues, 'measure-report-group-unmatched', 'MeasureReport.group[1]', 'error');
    expectIssue(issues, 'measure-report-group-unmatched', 'MeasureReport.group[2]', 'error');
    expectIssue(issues, 'measure-report-group-missing', 'MeasureReport', 'error');
  });

  it('lets a data-collection report leave groups out but not carry scores', () => {
    const issues = issuesOf(v, report('two-groups', [{ code: concept('a'), population: [population('initial-population', { count: 1 })], measureScore: { value: 1 } }], { type: 'data-collection' }));
    expectNoIssue(issues, 'measure-report-group-missing');
    expectIssue(issues, 'measure-report-score-prohibited', 'MeasureReport.group[0].measureScore', 'error');
  });
});

describeWithShared('measure / measure-report cases of fhir-test-cases (offline runs)', () => {
  it('agrees loosely with the HL7 Java validator on all 6 runs', async () => {
    const casesDir = sharedPath('fhir-test-cases');
    const cases = readCases(casesDir).filter((c) => c.category === 'measure / measure-report rules' && !c.txRisk);
    const a = agreement(await runCases(casesDir, cases, loadR4CorePackage()));
    expect(a.runs).toBe(6);
    expect(a.loose).toBe(6);
    expect(a.falseAlarms).toBe(0);
  });
});
