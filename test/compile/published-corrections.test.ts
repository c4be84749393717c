/**
 * The published R4 invariants and regexes the HL7 Java validator corrects are evaluated
 * corrected: each correction still matches the text the loaded R4 definitions carry (so none is
 * dead), each changes an answer the way the Java validator's does, and a profile's own
 * expression is left as it is stated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { EXPRESSION_CORRECTIONS, REGEX_CORRECTIONS, evaluatedExpression, evaluatedRegex, withJavaWhitespace } from '../../src/compile/published-corrections.js';

interface Constrained {
  snapshot?: { element: Array<{ constraint?: Array<{ key: string; expression?: string }>; type?: Array<{ extension?: Array<{ valueString?: string }> }> }> };
}

let validator: Validator;

beforeAll(async () => {
  validator = await createValidator();
}, 60_000);

function errors(resource: Record<string, unknown>, ruleId?: string): string[] {
  return validator
    .validateToIssues(resource)
    .issues.filter((i) => (i.severity === 'error' || i.severity === 'fatal') && (ruleId === undefined || i.ruleId === ruleId))
    .map((i) => `${i.ruleId} ${i.location}`);
}

describe('published-corrections', () => {
  it('every correction matches a published text of the loaded R4 definitions', () => {
    const expressions = new Set<string>();
    const regexes = new Set<string>();
    for (const sd of validator.definitions.all('StructureDefinition')) {
      for (const element of (sd as Constrained).snapshot?.element ?? []) {
        for (const c of element.constraint ?? []) if (c.expression) expressions.add(`${c.key} ${c.expression}`);
        for (const type of element.type ?? []) for (const e of type.extension ?? []) if (e.valueString) regexes.add(e.valueString);
      }
    }
    const published = [...expressions];
    for (const correction of EXPRESSION_CORRECTIONS) {
      const matches = published.filter((text) => text.endsWith(` ${correction.published}`) && (correction.key === undefined || text.startsWith(`${correction.key} `)));
      expect(matches, correction.key ?? correction.published).not.toEqual([]);
    }
    for (const correction of REGEX_CORRECTIONS) expect(regexes.has(correction.published), correction.published).toBe(true);
  });

  it('corrects only the exact published text, and a keyed correction only for its key', () => {
    const que12 = 'enableWhen.count() > 2 implies enableBehavior.exists()';
    expect(evaluatedExpression('que-12', que12)).toBe('enableWhen.count() >= 2 implies enableBehavior.exists()');
    expect(evaluatedExpression('my-1', que12)).toBe(que12);
    expect(evaluatedExpression('que-12', `${que12} and true`)).toBe(`${que12} and true`);
    // The canonical resources' name warnings carry many keys: corrected by text.
    expect(evaluatedExpression('csd-0', "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')")).toBe("name.exists() implies name.matches('^[A-Z]([A-Za-z0-9_]){0,254}$')");
    expect(evaluatedRegex('[ \\r\\n\\t\\S]+')).toBe('[\\s\\S]+');
    expect(evaluatedRegex('[A-Z]+')).toBe('[A-Z]+');
  });

  it('ras-2: a prediction without a probability passes; one over 100 fails', () => {
    const risk = (prediction: unknown[]) => ({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' }, prediction });
    expect(errors(risk([{ outcome: { text: 'stroke' } }]), 'ras-2')).toEqual([]);
    expect(errors(risk([{ probabilityDecimal: 40 }, { probabilityRange: { low: { value: 10 } } }]), 'ras-2')).toEqual([]);
    expect(errors(risk([{ outcome: { text: 'stroke' } }, { probabilityDecimal: 150 }]), 'ras-2')).toEqual(['ras-2 RiskAssessment.prediction[1]']);
  });

  it('que-12: two enableWhen need an enableBehavior', () => {
    const when = (answerBoolean: boolean) => ({ question: '1', operator: '=', answerBoolean });
    const questionnaire = (item: Record<string, unknown>) => ({ resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: '1', type: 'boolean' }, { linkId: '2', type: 'boolean', ...item }] });
    expect(errors(questionnaire({ enableWhen: [when(true), when(false)] }), 'que-12')).toEqual(['que-12 Questionnaire.item[1]']);
    expect(errors(questionnaire({ enableWhen: [when(true), when(false)], enableBehavior: 'any' }), 'que-12')).toEqual([]);
    expect(errors(questionnaire({ enableWhen: [when(true)] }), 'que-12')).toEqual([]);
  });

  it("ref-1: a contained resource's '#' reference to its container holds; an unknown fragment fails", () => {
    const condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/p1' },
      evidence: [{ detail: [{ reference: '#o1' }] }],
      contained: [{ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, focus: [{ reference: '#' }, { reference: '#nowhere' }, { display: 'no reference' }] }],
    };
    expect(errors(condition, 'ref-1')).toEqual(['ref-1 Condition.contained[0].focus[1]']);
  });

  it('the string regex takes no-break and other Unicode spaces; control characters stay refused', () => {
    const patient = (text: string) => ({ resourceType: 'Patient', name: [{ text }] });
    expect(errors(patient('Ann\u00a0Smith\u2003Jones'))).toEqual([]);
    expect(errors(patient('Ann\u000bSmith'))).toEqual(['string-control-character Patient.name[0].text']);
  });

  it("reads \\s in the other type regexes as Java does (ASCII whitespace), JavaScript's Unicode spaces aside", () => {
    expect(withJavaWhitespace('[^\\s]+(\\s[^\\s]+)*')).toBe('[^ \\t\\n\\x0B\\f\\r]+([ \\t\\n\\x0B\\f\\r][^ \\t\\n\\x0B\\f\\r]+)*');
    expect(withJavaWhitespace('\\S*')).toBe('[^ \\t\\n\\x0B\\f\\r]*');
    expect(withJavaWhitespace('a\\\\s[\\S]')).toBe('a\\\\s[\\S]'); // an escaped backslash; \\S inside a class has no such form: unchanged
    const patient = (extra: Record<string, unknown>) => ({ resourceType: 'Patient', ...extra });
    // A trailing no-break space: not whitespace to Java's \\s, so the code and the uri pass as they do there.
    expect(errors(patient({ gender: 'female\u00a0' }), 'primitive-format')).toEqual([]);
    expect(errors(patient({ identifier: [{ system: 'https://example.org/ids\u00a0', value: '1' }] }), 'primitive-format')).toEqual([]);
    expect(errors(patient({ gender: 'female ' }), 'primitive-format')).toEqual(['primitive-format Patient.gender']);
    expect(errors(patient({ identifier: [{ system: 'https://example.org/a b', value: '1' }] }), 'primitive-format')).toEqual(['primitive-format Patient.identifier[0].system']);
  });

  it('eld-19: the whole element path is tested, not a part of it', () => {
    const profile = (path: string) => ({
      resourceType: 'StructureDefinition',
      url: 'http://example.org/StructureDefinition/p',
      name: 'P',
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Patient',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
      derivation: 'constraint',
      differential: { element: [{ id: path, path }] },
    });
    expect(errors(profile('Patient.name'), 'eld-19')).toEqual([]);
    expect(errors(profile('Patient.name!'), 'eld-19')).toEqual(['eld-19 StructureDefinition.differential.element[0]']);
  });
});
