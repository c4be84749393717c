import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Validator } from '../../src/api/index.js';
import type { ConformanceResource } from '../../src/defs/types.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { agreement, readCases } from '../conformance/cases.js';
import { runCases } from '../conformance/run-cases.js';
import { describeWithShared, sharedPath } from '../support/shared.js';
import { coreValidator, errorsOf, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const BASE = 'http://example.com/fhir/Questionnaire/';
const questionnaires: ConformanceResource[] = [];

/** Registers a Questionnaire (loaded into the validator's definitions) and returns its url. */
function questionnaire(name: string, item: unknown[], extra: Record<string, unknown> = {}): string {
  const url = BASE + name;
  questionnaires.push({ resourceType: 'Questionnaire', url, name, status: 'active', item, ...extra });
  return url;
}

function response(url: string, item: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { resourceType: 'QuestionnaireResponse', questionnaire: url, status: 'completed', item, ...extra };
}

function answered(linkId: string, ...answers: Array<Record<string, unknown>>): Record<string, unknown> {
  return { linkId, answer: answers };
}

const ext = (name: string, value: Record<string, unknown>) => ({ url: `http://hl7.org/fhir/StructureDefinition/${name}`, ...value });
const sdc = (name: string, value: Record<string, unknown>) => ({ url: `http://hl7.org/fhir/uv/sdc/StructureDefinition/${name}`, ...value });

function rule(name: string): string {
  return `questionnaire-response-${name}`;
}

function ours(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.ruleId.startsWith('questionnaire'));
}

const SIMPLE = questionnaire('simple', [
  { linkId: 'name', text: 'Name', type: 'string', required: true },
  { linkId: 'age', type: 'integer' },
]);
const REPEATING = questionnaire('repeating', [{ linkId: 'tag', type: 'string', repeats: true }]);
const GROUPED = questionnaire('grouped', [
  { linkId: 'grp', type: 'group', item: [{ linkId: 'a', type: 'string', required: true }, { linkId: 'b', type: 'string' }] },
  { linkId: 'note', type: 'display', text: 'Thank you' },
]);
const NESTED_QUESTION = questionnaire('nested-question', [
  { linkId: 'smoker', type: 'boolean', item: [{ linkId: 'packs', type: 'integer', required: true }] },
]);
const ENABLE = questionnaire('enable-when', [
  { linkId: 'cond', type: 'boolean' },
  { linkId: 'detail', type: 'string', required: true, enableWhen: [{ question: 'cond', operator: '=', answerBoolean: true }] },
  { linkId: 'any', type: 'string', enableBehavior: 'any', enableWhen: [{ question: 'cond', operator: '=', answerBoolean: true }, { question: 'detail', operator: 'exists', answerBoolean: true }] },
]);
const ENABLE_IN_GROUP = questionnaire('enable-in-group', [
  { linkId: 'person', type: 'group', repeats: true, item: [
    { linkId: 'adult', type: 'boolean' },
    { linkId: 'job', type: 'string', enableWhen: [{ question: 'adult', operator: '=', answerBoolean: true }] },
  ] },
]);
const ENABLE_EXPRESSION = questionnaire('enable-expression', [
  { linkId: 'score', type: 'integer' },
  { linkId: 'why', type: 'string', extension: [sdc('sdc-questionnaire-enableWhenExpression', { valueExpression: { language: 'text/fhirpath', expression: "%resource.item.where(linkId='score').answer.value > 5" } })] },
]);
const CHOICES = questionnaire('choices', [
  { linkId: 'colour', type: 'choice', repeats: true, answerOption: [
    { valueCoding: { system: 'http://example.com/colours', code: 'red' } },
    { valueCoding: { system: 'http://example.com/colours', code: 'none' }, extension: [ext('questionnaire-optionExclusive', { valueBoolean: true })] },
  ] },
  { linkId: 'other', type: 'open-choice', answerOption: [{ valueCoding: { system: 'http://example.com/colours', code: 'red' } }] },
  { linkId: 'slot', type: 'time', answerOption: [{ valueTime: '10:00:00' }] },
  { linkId: 'gender', type: 'choice', answerValueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' },
  { linkId: 'lost', type: 'choice', answerValueSet: 'http://example.com/ValueSet/nowhere' },
]);
const LIMITS = questionnaire('limits', [
  { linkId: 'count', type: 'integer', extension: [ext('minValue', { valueInteger: 1 }), ext('maxValue', { valueInteger: 10 })] },
  { linkId: 'when', type: 'date', repeats: true, extension: [ext('minValue', { valueDate: '2020' }), ext('maxValue', { valueDate: '2022-06' })] },
  { linkId: 'code', type: 'string', maxLength: 4, extension: [ext('minLength', { valueInteger: 2 }), ext('regex', { valueString: '[A-Z]+' })] },
  { linkId: 'dose', type: 'decimal', extension: [ext('maxDecimalPlaces', { valueInteger: 1 })] },
  { linkId: 'weight', type: 'quantity', extension: [
    sdc('sdc-questionnaire-minQuantity', { valueQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'kg' } }),
    sdc('sdc-questionnaire-maxQuantity', { valueQuantity: { value: 200, system: 'http://unitsofmeasure.org', code: 'kg' } }),
    ext('questionnaire-unitOption', { valueCoding: { system: 'http://unitsofmeasure.org', code: 'kg' } }),
    ext('questionnaire-unitOption', { valueCoding: { system: 'http://unitsofmeasure.org', code: 'g' } }),
  ] },
  { linkId: 'photo', type: 'attachment', extension: [ext('mimeType', { valueCode: 'image/*' }), ext('maxSize', { valueDecimal: 1000 })] },
  { linkId: 'who', type: 'reference', extension: [ext('questionnaire-referenceResource', { valueCode: 'Patient' })] },
  { linkId: 'names', type: 'string', repeats: true, extension: [ext('questionnaire-minOccurs', { valueInteger: 2 }), ext('questionnaire-maxOccurs', { valueInteger: 3 })] },
]);
const DATED = questionnaire('dated', [{ linkId: 'x', type: 'string' }], { effectivePeriod: { start: '2022-01-01', end: '2023-12-31' } });

describe('questionnaire-response check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([
      ...questionnaires,
      { resourceType: 'ValueSet', url: 'http://example.com/fhir/ValueSet/not-a-questionnaire', status: 'active' },
      profile('qr-with-author', 'QuestionnaireResponse', [{ id: 'QuestionnaireResponse.author', path: 'QuestionnaireResponse.author', min: 1 }]),
    ]);
  });

  describe('finding the Questionnaire', () => {
    it('accepts a response that matches its Questionnaire', () => {
      expect(ours(issuesOf(v, response(SIMPLE, [answered('name', { valueString: 'Ann' }), answered('age', { valueInteger: 40 })])))).toEqual([]);
    });

    it('warns when the Questionnaire cannot be found, and only notes it for example.org', () => {
      expectIssue(issuesOf(v, response('http://elsewhere.com/Questionnaire/x', [])), rule('questionnaire-unknown'), 'QuestionnaireResponse.questionnaire', 'warning');
      expectIssue(issuesOf(v, response('http://example.org/Questionnaire/x', [])), rule('questionnaire-unknown'), 'QuestionnaireResponse.questionnaire', 'information');
    });

    it('reports a canonical that names another kind of resource as an error', () => {
      const issue = expectIssue(issuesOf(v, response('http://example.com/fhir/ValueSet/not-a-questionnaire', [])), rule('questionnaire-type'), 'QuestionnaireResponse.questionnaire', 'error');
      expect(issue.message).toContain('ValueSet');
    });

    it('uses a contained Questionnaire', () => {
      const contained = { resourceType: 'Questionnaire', id: 'q', status: 'active', item: [{ linkId: 'only', type: 'boolean' }] };
      const ok = response('#q', [answered('only', { valueBoolean: true })], { contained: [contained] });
      expect(ours(issuesOf(v, ok))).toEqual([]);
      const bad = response('#q', [answered('only', { valueString: 'yes' })], { contained: [contained] });
      expectIssue(issuesOf(v, bad), rule('answer-type'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(string)', 'error');
    });

    it('uses a Questionnaire carried in the same Bundle', () => {
      const url = 'http://example.com/fhir/Questionnaire/in-bundle';
      const bundle = (answer: Record<string, unknown>) => ({
        resourceType: 'Bundle', type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', resource: { resourceType: 'Questionnaire', url, status: 'active', item: [{ linkId: 'n', type: 'integer' }] } },
          { fullUrl: 'urn:uuid:7a2b3c4d-5e6f-4a70-8b9c-0d1e2f3a4b5c', resource: response(url, [answered('n', answer)]) },
        ],
      });
      expect(ours(issuesOf(v, bundle({ valueInteger: 3 })))).toEqual([]);
      expectIssue(issuesOf(v, bundle({ valueDecimal: 3.5 })), rule('answer-type'), 'Bundle.entry[1].resource.item[0].answer[0].value.ofType(decimal)', 'error');
    });
  });

  describe('item structure', () => {
    it('reports a linkId the Questionnaire does not have', () => {
      expectIssue(issuesOf(v, response(SIMPLE, [answered('name', { valueString: 'Ann' }), answered('height', { valueInteger: 1 })])), rule('linkid-unknown'), 'QuestionnaireResponse.item[1]', 'error');
    });

    it('reports an item placed at another level than in the Questionnaire', () => {
      const issues = issuesOf(v, response(GROUPED, [{ linkId: 'grp', item: [answered('a', { valueString: 'x' })] }, answered('b', { valueString: 'y' })]));
      expectIssue(issues, rule('item-misplaced'), 'QuestionnaireResponse.item[1]', 'error');
      expectNoIssue(issues, rule('linkid-unknown'));
    });

    it('reports items out of the Questionnaire order', () => {
      const issues = issuesOf(v, response(SIMPLE, [answered('age', { valueInteger: 1 }), answered('name', { valueString: 'Ann' })]));
      expectIssue(issues, rule('item-order'), 'QuestionnaireResponse.item[1]', 'error');
    });

    it('allows a repeating item several times but not a non-repeating one', () => {
      expectNoIssue(issuesOf(v, response(REPEATING, [answered('tag', { valueString: 'a' }), answered('tag', { valueString: 'b' })])), rule('item-repeats'));
      expectIssue(issuesOf(v, response(SIMPLE, [answered('name', { valueString: 'a' }), answered('name', { valueString: 'b' })])), rule('item-repeats'), 'QuestionnaireResponse.item[1]', 'error');
    });

    it('allows several answers only for a repeating item', () => {
      expectNoIssue(issuesOf(v, response(REPEATING, [answered('tag', { valueString: 'a' }, { valueString: 'b' })])), rule('answer-repeats'));
      expectIssue(issuesOf(v, response(SIMPLE, [answered('name', { valueString: 'a' }, { valueString: 'b' })])), rule('answer-repeats'), 'QuestionnaireResponse.item[0].answer[1]', 'error');
    });

    it('rejects answers on group and display items, and child items directly under a question', () => {
      const issues = issuesOf(v, response(GROUPED, [
        { linkId: 'grp', answer: [{ valueString: 'x' }], item: [answered('a', { valueString: 'x' })] },
        answered('note', { valueString: 'y' }),
      ]));
      expectIssue(issues, rule('group-answer'), 'QuestionnaireResponse.item[0].answer[0]', 'error');
      expectIssue(issues, rule('display-answer'), 'QuestionnaireResponse.item[1].answer[0]', 'error');
      const direct = issuesOf(v, response(NESTED_QUESTION, [{ linkId: 'smoker', answer: [{ valueBoolean: true }], item: [answered('packs', { valueInteger: 2 })] }]));
      expectIssue(direct, rule('question-items'), 'QuestionnaireResponse.item[0].item[0]', 'error');
    });

    it('checks a question\'s child items under each of its answers', () => {
      const ok = response(NESTED_QUESTION, [{ linkId: 'smoker', answer: [{ valueBoolean: true, item: [answered('packs', { valueInteger: 2 })] }] }]);
      expect(ours(issuesOf(v, ok))).toEqual([]);
      const missing = response(NESTED_QUESTION, [{ linkId: 'smoker', answer: [{ valueBoolean: true }] }]);
      expectIssue(issuesOf(v, missing), rule('required-missing'), 'QuestionnaireResponse.item[0].answer[0]', 'error');
    });
  });

  describe('required items and status', () => {
    it('requires answers to required items in a completed response', () => {
      expectIssue(issuesOf(v, response(SIMPLE, [])), rule('required-missing'), 'QuestionnaireResponse', 'error');
      expectIssue(issuesOf(v, response(SIMPLE, [{ linkId: 'name' }])), rule('required-missing'), 'QuestionnaireResponse.item[0]', 'error');
    });

    it('only warns about missing answers while the response is in progress', () => {
      const issue = expectIssue(issuesOf(v, response(SIMPLE, [], { status: 'in-progress' })), rule('required-missing'), 'QuestionnaireResponse', 'warning');
      expect(issue.message).toContain("'name'");
    });

    it('checks required items inside a group that is present', () => {
      expectIssue(issuesOf(v, response(GROUPED, [{ linkId: 'grp', item: [answered('b', { valueString: 'y' })] }])), rule('required-missing'), 'QuestionnaireResponse.item[0]', 'error');
      expectNoIssue(issuesOf(v, response(GROUPED, [])), rule('required-missing'));
    });
  });

  describe('enableWhen', () => {
    it('rejects answers to a disabled item and does not require it', () => {
      const issues = issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: false }), answered('detail', { valueString: 'x' })]));
      expectIssue(issues, rule('item-disabled'), 'QuestionnaireResponse.item[1]', 'error');
      expectNoIssue(issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: false })])), rule('required-missing'));
    });

    it('requires an enabled item and accepts its answers', () => {
      expectIssue(issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: true })])), rule('required-missing'), 'QuestionnaireResponse', 'error');
      expect(ours(issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: true }), answered('detail', { valueString: 'x' })])))).toEqual([]);
    });

    it('combines conditions with enableBehavior any, and reads exists', () => {
      expectIssue(issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: false }), answered('any', { valueString: 'x' })])), rule('item-disabled'), 'QuestionnaireResponse.item[1]');
      expectNoIssue(issuesOf(v, response(ENABLE, [answered('cond', { valueBoolean: true }), answered('detail', { valueString: 'd' }), answered('any', { valueString: 'x' })])), rule('item-disabled'));
    });

    it('reads the answer from the same repetition of a repeating group', () => {
      const person = (adult: boolean, job?: string) => ({ linkId: 'person', item: [answered('adult', { valueBoolean: adult }), ...(job ? [answered('job', { valueString: job })] : [])] });
      expectNoIssue(issuesOf(v, response(ENABLE_IN_GROUP, [person(true, 'baker'), person(false)])), rule('item-disabled'));
      expectIssue(issuesOf(v, response(ENABLE_IN_GROUP, [person(true), person(false, 'baker')])), rule('item-disabled'), 'QuestionnaireResponse.item[1].item[1]', 'error');
    });

    it('evaluates an SDC enableWhenExpression', () => {
      expectNoIssue(issuesOf(v, response(ENABLE_EXPRESSION, [answered('score', { valueInteger: 9 }), answered('why', { valueString: 'x' })])), rule('item-disabled'));
      expectIssue(issuesOf(v, response(ENABLE_EXPRESSION, [answered('score', { valueInteger: 2 }), answered('why', { valueString: 'x' })])), rule('item-disabled'), 'QuestionnaireResponse.item[1]', 'error');
    });
  });

  describe('answers', () => {
    it('requires the answer type that matches the item type', () => {
      expectIssue(issuesOf(v, response(SIMPLE, [answered('name', { valueString: 'Ann' }), answered('age', { valueCoding: { code: '40' } })])), rule('answer-type'), 'QuestionnaireResponse.item[1].answer[0].value.ofType(Coding)', 'error');
    });

    it('reports each issue once when the response also claims a profile', () => {
      const qr = response(SIMPLE, [answered('name', { valueInteger: 1 })], { meta: { profile: ['http://example.org/fhir/StructureDefinition/qr-with-author'] } });
      const issues = issuesOf(v, qr);
      expectIssue(issues, 'cardinality-min');
      expect(ours(issues).map((i) => `${i.ruleId} ${i.location}`)).toEqual([`${rule('answer-type')} QuestionnaireResponse.item[0].answer[0].value.ofType(integer)`]);
    });

    it('ignores item types it does not know, whatever their name', () => {
      const form = { resourceType: 'Questionnaire', id: 'odd', status: 'active', item: [{ linkId: 'x', type: 'constructor' }] };
      const issues = issuesOf(v, response('#odd', [answered('x', { valueString: 'a' })], { contained: [form] }));
      expectNoIssue(issues, 'internal-error');
      expect(ours(issues)).toEqual([]);
    });

    it('leaves a value type that the response structure forbids to the structure check', () => {
      const issues = issuesOf(v, response(SIMPLE, [answered('name', { valueCode: 'Ann' })]));
      expectNoIssue(issues, rule('answer-type'));
      expect(errorsOf(issues).length).toBeGreaterThan(0);
    });

    it('checks answers against answerOption, exclusive options included', () => {
      expectNoIssue(issuesOf(v, response(CHOICES, [answered('colour', { valueCoding: { system: 'http://example.com/colours', code: 'red' } })])), rule('answer-option'));
      expectIssue(issuesOf(v, response(CHOICES, [answered('colour', { valueCoding: { system: 'http://example.com/colours', code: 'blue' } })])), rule('answer-option'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(Coding)', 'error');
      expectIssue(issuesOf(v, response(CHOICES, [answered('slot', { valueTime: '09:00:00' })])), rule('answer-option'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(time)', 'error');
      const exclusive = response(CHOICES, [answered('colour', { valueCoding: { system: 'http://example.com/colours', code: 'red' } }, { valueCoding: { system: 'http://example.com/colours', code: 'none' } })]);
      expectIssue(issuesOf(v, exclusive), rule('option-exclusive'), 'QuestionnaireResponse.item[0].answer[1]', 'error');
      expectNoIssue(issuesOf(v, response(CHOICES, [answered('colour', { valueCoding: { system: 'http://example.com/colours', code: 'none' } })])), rule('option-exclusive'));
    });

    it('lets open-choice take free text, and only warns about an unlisted coding', () => {
      expect(ours(issuesOf(v, response(CHOICES, [answered('other', { valueString: 'teal' })])))).toEqual([]);
      expectIssue(issuesOf(v, response(CHOICES, [answered('other', { valueCoding: { system: 'http://example.com/colours', code: 'teal' } })])), rule('answer-option'), undefined, 'warning');
    });

    it('checks codes against answerValueSet with the local terminology', () => {
      const gender = (code: string, display?: string) => response(CHOICES, [answered('gender', { valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code, ...(display ? { display } : {}) } })]);
      expect(ours(issuesOf(v, gender('female')))).toEqual([]);
      expectIssue(issuesOf(v, gender('woman')), rule('answer-valueset'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(Coding)', 'error');
      expectIssue(issuesOf(v, gender('female', 'Lady')), rule('display-mismatch'), undefined, 'warning');
      expectIssue(issuesOf(v, response(CHOICES, [answered('lost', { valueCoding: { system: 'http://x.org', code: 'a' } })])), rule('valueset-unknown'), undefined, 'warning');
    });

    it('checks minValue and maxValue, a limit of lower precision standing for its first day (as the Java validator reads it)', () => {
      expectNoIssue(issuesOf(v, response(LIMITS, [answered('count', { valueInteger: 10 })])), rule('max-value'));
      expectIssue(issuesOf(v, response(LIMITS, [answered('count', { valueInteger: 11 })])), rule('max-value'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(integer)', 'error');
      expectIssue(issuesOf(v, response(LIMITS, [answered('count', { valueInteger: 0 })])), rule('min-value'), undefined, 'error');
      const dates = issuesOf(v, response(LIMITS, [answered('when', { valueDate: '2020-01-05' }, { valueDate: '2022-06-30' }, { valueDate: '2019-12' }, { valueDate: '2022-07-01' })]));
      expect(ours(dates).map((i) => `${i.ruleId} ${i.location}`)).toEqual([
        `${rule('max-value')} QuestionnaireResponse.item[0].answer[1].value.ofType(date)`,
        `${rule('min-value')} QuestionnaireResponse.item[0].answer[2].value.ofType(date)`,
        `${rule('max-value')} QuestionnaireResponse.item[0].answer[3].value.ofType(date)`,
      ]);
    });

    it('checks maxLength, minLength and regex of text answers', () => {
      expect(ours(issuesOf(v, response(LIMITS, [answered('code', { valueString: 'ABC' })])))).toEqual([]);
      expectIssue(issuesOf(v, response(LIMITS, [answered('code', { valueString: 'ABCDE' })])), rule('max-length'), undefined, 'error');
      expectIssue(issuesOf(v, response(LIMITS, [answered('code', { valueString: 'A' })])), rule('min-length'), undefined, 'error');
      expectIssue(issuesOf(v, response(LIMITS, [answered('code', { valueString: 'ab' })])), rule('regex'), undefined, 'error');
    });

    it('checks maxDecimalPlaces', () => {
      expectNoIssue(issuesOf(v, response(LIMITS, [answered('dose', { valueDecimal: 2.5 })])), rule('decimal-places'));
      expectIssue(issuesOf(v, response(LIMITS, [answered('dose', { valueDecimal: 2.55 })])), rule('decimal-places'), undefined, 'error');
    });

    it('checks quantity bounds (converting UCUM units) and unit options, and only warns when units cannot be related', () => {
      const weight = (value: number, code: string) => response(LIMITS, [answered('weight', { valueQuantity: { value, system: 'http://unitsofmeasure.org', code } })]);
      expect(ours(issuesOf(v, weight(70, 'kg')))).toEqual([]);
      expect(ours(issuesOf(v, weight(70000, 'g')))).toEqual([]);
      expectIssue(issuesOf(v, weight(300, 'kg')), rule('max-value'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(Quantity)', 'error');
      expectIssue(issuesOf(v, weight(300000, 'g')), rule('max-value'), undefined, 'error');
      expectIssue(issuesOf(v, weight(70, '[lb_av]')), rule('unit-option'), undefined, 'error');
      expectIssue(issuesOf(v, weight(70, 'm')), rule('quantity-units-incompatible'), undefined, 'error');
      const uncoded = issuesOf(v, response(LIMITS, [answered('weight', { valueQuantity: { value: 70, unit: 'kg' } })]));
      expectIssue(uncoded, rule('quantity-not-comparable'), undefined, 'warning');
      expect(errorsOf(ours(uncoded))).toEqual([]);
    });

    it('checks attachment content type and size', () => {
      const photo = (contentType: string, size: number) => response(LIMITS, [answered('photo', { valueAttachment: { contentType, size } })]);
      expect(ours(issuesOf(v, photo('image/png', 10)))).toEqual([]);
      expectIssue(issuesOf(v, photo('application/pdf', 10)), rule('attachment-type'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(Attachment)', 'error');
      expectIssue(issuesOf(v, photo('image/png', 5000)), rule('attachment-size'), undefined, 'error');
    });

    it('checks the resource type a reference answer points to', () => {
      expectNoIssue(issuesOf(v, response(LIMITS, [answered('who', { valueReference: { reference: 'Patient/1' } })])), rule('reference-type'));
      expectIssue(issuesOf(v, response(LIMITS, [answered('who', { valueReference: { reference: 'Organization/1' } })])), rule('reference-type'), 'QuestionnaireResponse.item[0].answer[0].value.ofType(Reference)', 'error');
    });

    it('checks questionnaire-minOccurs and maxOccurs', () => {
      const names = (...values: string[]) => response(LIMITS, [answered('names', ...values.map((valueString) => ({ valueString })))]);
      expect(ours(issuesOf(v, names('a', 'b')))).toEqual([]);
      expectIssue(issuesOf(v, names('a')), rule('min-occurs'), 'QuestionnaireResponse.item[0]', 'error');
      expectIssue(issuesOf(v, names('a', 'b', 'c', 'd')), rule('max-occurs'), 'QuestionnaireResponse.item[0]', 'error');
    });
  });

  describe('warnings', () => {
    it('warns when an item\'s text differs from the Questionnaire\'s', () => {
      expectNoIssue(issuesOf(v, response(SIMPLE, [{ linkId: 'name', text: 'Name', answer: [{ valueString: 'a' }] }])), rule('text-mismatch'));
      expectIssue(issuesOf(v, response(SIMPLE, [{ linkId: 'name', text: 'Surname', answer: [{ valueString: 'a' }] }])), rule('text-mismatch'), 'QuestionnaireResponse.item[0].text', 'warning');
    });

    it('warns when the response was authored outside the Questionnaire\'s effective period', () => {
      expectNoIssue(issuesOf(v, response(DATED, [], { authored: '2022-05-01' })), rule('authored-period'));
      expectIssue(issuesOf(v, response(DATED, [], { authored: '2021-05-01' })), rule('authored-period'), 'QuestionnaireResponse.authored', 'warning');
      expectIssue(issuesOf(v, response(DATED, [], { authored: '2024-01-01T10:00:00Z' })), rule('authored-period'), 'QuestionnaireResponse.authored', 'warning');
    });
  });
});

describe('questionnaire check (enableWhen targets)', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });

  const form = (item: unknown[]) => ({ resourceType: 'Questionnaire', status: 'draft', item });

  it('accepts an enableWhen on an earlier question', () => {
    const issues = issuesOf(v, form([{ linkId: 'a', type: 'boolean' }, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }] }]));
    expect(ours(issues)).toEqual([]);
  });

  it('reports an enableWhen on a missing question, on the item itself, or on an item inside it', () => {
    const unknown = issuesOf(v, form([{ linkId: 'b', type: 'string', enableWhen: [{ question: 'zz', operator: 'exists', answerBoolean: true }] }]));
    expectIssue(unknown, 'questionnaire-enablewhen-unknown', 'Questionnaire.item[0].enableWhen[0]', 'error');
    const self = issuesOf(v, form([{ linkId: 'b', type: 'string', enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }] }]));
    expectIssue(self, 'questionnaire-enablewhen-self', 'Questionnaire.item[0].enableWhen[0]', 'error');
    const inner = issuesOf(v, form([{ linkId: 'g', type: 'group', enableWhen: [{ question: 'c', operator: 'exists', answerBoolean: true }], item: [{ linkId: 'c', type: 'boolean' }] }]));
    expectIssue(inner, 'questionnaire-enablewhen-inner', 'Questionnaire.item[0].enableWhen[0]', 'error');
  });

  it('warns about an enableWhen on a later question', () => {
    const later = issuesOf(v, form([{ linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }] }, { linkId: 'a', type: 'boolean' }]));
    expectIssue(later, 'questionnaire-enablewhen-after', 'Questionnaire.item[0].enableWhen[0]', 'warning');
  });
});

describe('questionnaire-response check across validations', () => {
  it('reports the same issues each time the same response object is validated, and none once it is fixed', async () => {
    const url = 'http://example.com/fhir/Questionnaire/again';
    const v = await coreValidator([{ resourceType: 'Questionnaire', url, status: 'active', item: [{ linkId: 'n', type: 'integer' }] }]);
    const qr: Record<string, unknown> = { resourceType: 'QuestionnaireResponse', questionnaire: url, status: 'completed', item: [{ linkId: 'n', answer: [{ valueString: 'x' }] }] };
    const first = ours(issuesOf(v, qr)).map((i) => `${i.ruleId} ${i.location}`);
    expect(first).toEqual(['questionnaire-response-answer-type QuestionnaireResponse.item[0].answer[0].value.ofType(string)']);
    expect(ours(issuesOf(v, qr)).map((i) => `${i.ruleId} ${i.location}`)).toEqual(first);
    qr.questionnaire = 'http://example.com/fhir/Questionnaire/gone';
    expect(ours(issuesOf(v, qr)).map((i) => i.ruleId)).toEqual(['questionnaire-response-questionnaire-unknown']);
  });
});

describeWithShared('questionnaire-response vs questionnaire cases of fhir-test-cases (offline runs)', () => {
  it('agrees loosely with the HL7 Java validator on at least 34 of 38 runs, with no false alarm', async () => {
    const casesDir = sharedPath('fhir-test-cases');
    const cases = readCases(casesDir).filter((c) => c.category === 'questionnaire-response vs questionnaire' && !c.txRisk);
    const a = agreement(await runCases(casesDir, cases, loadR4CorePackage()));
    expect(a.runs).toBe(38);
    expect(a.loose).toBeGreaterThanOrEqual(34);
    expect(a.falseAlarms).toBe(0);
  });
});
