/**
 * MeasureReport against its Measure (found by the `measure` canonical: contained, in the
 * Bundle, or in the definitions): each reported group, population and stratifier matches
 * one the Measure defines (by code), none is reported twice, none the Measure defines is
 * left out, and measureScore fits the Measure's scoring and the report type.
 *
 * Matching follows the HL7 validator: a single reported group stands for a Measure's
 * single group; otherwise groups, and always populations and stratifiers, are matched by
 * a coding (system and code) or, when neither side has codings, by the same text.
 */
import type { Check, CheckContext, IssueInput } from './check.js';
import { resolveCanonicalResource, type CanonicalLookup } from './questionnaire-response/resolve-canonical.js';
import { isObject, objectsOf, stringOf, type JsonObject } from './questionnaire-response/values.js';

const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
const KNOWN_SCORINGS = new Set(['proportion', 'ratio', 'continuous-variable', 'cohort']);

function issue(severity: IssueInput['severity'], code: IssueInput['code'], ruleId: string, message: string): IssueInput {
  return { severity, code, ruleId: `measure-report-${ruleId}`, message };
}

function codings(concept: unknown): JsonObject[] {
  return isObject(concept) ? objectsOf(concept.coding) : [];
}

/** Reported codes may be one CodeableConcept or (MeasureReport.group.stratifier.code) several. */
function conceptsOf(code: unknown): unknown[] {
  return Array.isArray(code) ? code : code === undefined ? [] : [code];
}

/** A reported code matches a defined one by a shared coding, or by text when neither has codings. */
function sameConcept(reported: unknown, defined: unknown): boolean {
  if (Array.isArray(reported)) return reported.some((concept) => sameConcept(concept, defined));
  const mine = codings(reported);
  const theirs = codings(defined);
  if (theirs.some((d) => mine.some((m) => typeof m.code === 'string' && m.code === d.code && m.system === d.system))) return true;
  if (mine.length === 0 && theirs.length === 0 && isObject(reported) && isObject(defined)) {
    return typeof reported.text === 'string' && reported.text === defined.text;
  }
  return false;
}

function hasCode(code: unknown): boolean {
  return conceptsOf(code).some((concept) => codings(concept).length > 0 || (isObject(concept) && typeof concept.text === 'string'));
}

function describeConcept(component: JsonObject): string {
  const code = component.code;
  const coding = codings(code)[0];
  if (coding) return `'${stringOf(coding.system) ?? ''}#${stringOf(coding.code) ?? ''}'`;
  if (isObject(code) && typeof code.text === 'string') return `'${code.text}'`;
  return typeof component.id === 'string' ? `with id '${component.id}' and no code` : 'with no code';
}

/** For each reported component, the defined one it matches or why none does; then the defined ones left out. */
type MatchProblem = 'no-code' | 'unknown' | 'duplicate';
interface Matching {
  matches: Array<{ defined: JsonObject } | { problem: MatchProblem }>;
  missing: JsonObject[];
}

function matchByCode(reported: JsonObject[], defined: JsonObject[]): Matching {
  const used = new Set<JsonObject>();
  const matches = reported.map((component) => {
    if (!hasCode(component.code)) return { problem: 'no-code' as const };
    const match = defined.find((d) => hasCode(d.code) && sameConcept(component.code, d.code));
    if (!match) return { problem: 'unknown' as const };
    if (used.has(match)) return { problem: 'duplicate' as const };
    used.add(match);
    return { defined: match };
  });
  return { matches, missing: defined.filter((d) => !used.has(d)) };
}

function matchGroups(report: JsonObject, measure: JsonObject): Matching {
  const reported = objectsOf(report.group);
  const defined = objectsOf(measure.group);
  if (reported.length === 1 && defined.length === 1) {
    const [mine, theirs] = [reported[0], defined[0]];
    // A lone group may be anonymous; only codings on both sides that disagree are a mismatch.
    const disagree = codings(mine.code).length > 0 && codings(theirs.code).length > 0 && !sameConcept(mine.code, theirs.code);
    return { matches: [disagree ? { problem: 'unknown' } : { defined: theirs }], missing: disagree ? [theirs] : [] };
  }
  return matchByCode(reported, defined);
}

function scoringOf(measure: JsonObject): string | undefined {
  return stringOf(codings(measure.scoring)[0]?.code);
}

export function createMeasureReportCheck(): Check {
  function lookupMeasure(ctx: CheckContext): CanonicalLookup | undefined {
    const canonical = stringOf(ctx.resource.resource.measure);
    return canonical === undefined ? undefined : resolveCanonicalResource(canonical, 'Measure', ctx.resource, ctx.services.defs);
  }

  function checkReport(report: JsonObject, ctx: CheckContext): void {
    const lookup = lookupMeasure(ctx);
    if (!lookup) return;
    const at = { key: 'measure' };
    const canonical = String(report.measure);
    if ('wrongType' in lookup) {
      ctx.report(issue('error', 'invalid', 'measure-type', `The measure '${canonical}' refers to a ${lookup.wrongType}, not a Measure`), at);
      return;
    }
    if ('notFound' in lookup) {
      ctx.report(issue('warning', 'not-found', 'measure-unknown', `The Measure '${canonical}' could not be found, so the report was not checked against it`), at);
      return;
    }
    const measure = lookup.found;
    const scoring = scoringOf(measure);
    if (scoring === undefined || !KNOWN_SCORINGS.has(scoring)) {
      ctx.report(issue('information', 'informational', 'scoring-unknown', `The Measure's scoring is ${scoring === undefined ? 'not given' : `'${scoring}', which is not a known scoring`}, so measureScore values were not checked`), at);
    }
    // A data-collection report need not cover every group.
    if (report.type === 'data-collection') return;
    for (const group of matchGroups(report, measure).missing) {
      ctx.report(issue('error', 'business-rule', 'group-missing', `The report has no group for the Measure's group ${describeConcept(group)}`));
    }
  }

  function checkGroup(group: JsonObject, ctx: CheckContext): void {
    const lookup = lookupMeasure(ctx);
    if (!lookup || !('found' in lookup)) return;
    const report = ctx.resource.resource;
    const index = objectsOf(report.group).indexOf(group);
    if (index < 0) return;
    const measure = lookup.found;
    const match = matchGroups(report, measure).matches[index];
    if ('problem' in match) {
      const why = match.problem === 'no-code' ? 'it has no code' : match.problem === 'duplicate' ? 'its code matches a group already reported' : 'its code matches none of them';
      ctx.report(issue('error', 'business-rule', 'group-unmatched', `This group cannot be matched to one of the Measure's groups: ${why}`));
      return;
    }
    const complete = report.status === 'complete';
    checkPopulations(report, group, match.defined, complete, ctx);
    checkScore(report, group, scoringOf(measure), complete, ctx);
    checkStratifiers(group, match.defined, ctx);
  }

  return {
    name: 'measure-report',
    appliesTo: (element, role) => (role === 'root' ? element.path === 'MeasureReport' : element.path === 'MeasureReport.group'),
    checkNode(visit, ctx) {
      if (ctx.resource.resourceType !== 'MeasureReport' || !isObject(visit.value)) return;
      if (visit.role === 'root') {
        if (visit.value === ctx.resource.resource && visit.element.path === 'MeasureReport' && visit.element.structure.derivation !== 'constraint') checkReport(visit.value, ctx);
        return;
      }
      if (visit.key === 'group' && visit.element.path === 'MeasureReport.group' && !ctx.seen(visit.value, 'measure-report-group')) checkGroup(visit.value, ctx);
    },
  };
}

function unmatchedMessage(what: string, problem: MatchProblem): string {
  if (problem === 'no-code') return `This ${what} has no code, so it cannot be matched to one the Measure's group defines`;
  if (problem === 'duplicate') return `This ${what}'s code matches one already reported in this group`;
  return `This ${what}'s code matches none the Measure's group defines`;
}

function checkPopulations(report: JsonObject, group: JsonObject, defined: JsonObject, complete: boolean, ctx: CheckContext): void {
  const populations = objectsOf(group.population);
  const matching = matchByCode(populations, objectsOf(defined.population));
  matching.matches.forEach((match, index) => {
    if ('problem' in match) ctx.report(issue('error', 'business-rule', 'population-unmatched', unmatchedMessage('population', match.problem)), { key: 'population', index });
  });
  for (const population of matching.missing) {
    // measure-observation populations carry no count in a report.
    if (codings(population.code).some((c) => c.system === POPULATION_SYSTEM && c.code === 'measure-observation')) continue;
    ctx.report(issue(complete ? 'error' : 'warning', 'business-rule', 'population-missing', `The group has no population for the Measure's population ${describeConcept(population)}`));
  }
  if (report.type === 'subject-list') return;
  populations.forEach((population, index) => {
    if (population.subjectResults !== undefined) {
      ctx.report(issue('warning', 'business-rule', 'subject-results', `subjectResults belong in a subject-list report, not in a ${String(report.type)} report`), { key: 'population', index });
    }
    if (population.count === undefined) {
      ctx.report(issue('warning', 'business-rule', 'population-count', 'The population has no count'), { key: 'population', index });
    }
  });
}

function checkScore(report: JsonObject, group: JsonObject, scoring: string | undefined, complete: boolean, ctx: CheckContext): void {
  const score = group.measureScore;
  const at = { key: 'measureScore' };
  if (report.type === 'data-collection') {
    if (score !== undefined) ctx.report(issue('error', 'business-rule', 'score-prohibited', 'A data-collection report carries no measureScore'), at);
    return;
  }
  if (scoring === 'cohort') {
    if (score !== undefined) ctx.report(issue('error', 'business-rule', 'score-prohibited', "The Measure's scoring is 'cohort', which has no measureScore"), at);
    return;
  }
  if (scoring !== 'proportion' && scoring !== 'ratio' && scoring !== 'continuous-variable') return;
  if (!isObject(score)) {
    if (complete) ctx.report(issue('error', 'required', 'score-missing', `The Measure's scoring is '${scoring}', so a complete report needs a measureScore for each group`));
    return;
  }
  if (scoring !== 'proportion') return;
  for (const key of ['unit', 'system', 'code']) {
    if (score[key] !== undefined) ctx.report(issue('error', 'business-rule', 'score-unit', `A proportion score is a plain number, so measureScore.${key} is not allowed`), at);
  }
  if (typeof score.value === 'number' && (score.value < 0 || score.value > 1)) {
    ctx.report(issue('error', 'value', 'score-range', `A proportion score lies between 0 and 1, not ${score.value}`), at);
  }
}

function checkStratifiers(group: JsonObject, defined: JsonObject, ctx: CheckContext): void {
  const matching = matchByCode(objectsOf(group.stratifier), objectsOf(defined.stratifier));
  matching.matches.forEach((match, index) => {
    if ('problem' in match) ctx.report(issue('error', 'business-rule', 'stratifier-unmatched', unmatchedMessage('stratifier', match.problem)), { key: 'stratifier', index });
  });
  for (const stratifier of matching.missing) {
    ctx.report(issue('error', 'business-rule', 'stratifier-missing', `The group has no stratifier for the Measure's stratifier ${describeConcept(stratifier)}`));
  }
}
