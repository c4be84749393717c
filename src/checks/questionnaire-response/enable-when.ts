/**
 * Whether a Questionnaire item is enabled for a given place in a QuestionnaireResponse:
 * its enableWhen conditions (combined by enableBehavior) or an enableWhen expression
 * extension (FHIRPath, evaluated on the response).
 *
 * The answers a condition looks at are those of the items with the question's linkId
 * nearest to the item: the response is searched from the item's own container outwards,
 * so a condition inside a repeating group reads the answer given in the same repetition.
 */
import type { CompiledExpression, FhirPathEvaluator } from '../../fhirpath/index.js';
import { choiceValue, compareValues, isObject, objectsOf, stringOf, valuesEqual, type JsonObject, type TypedValue } from './values.js';

/** FHIRPath enableWhen extensions the HL7 validator also honours (SDC, and the Finnish PHR one). */
const EXPRESSION_EXTENSIONS = new Set([
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
  'http://phr.kanta.fi/StructureDefinition/fiphr-ext-questionnaire-enablewhen',
]);

export interface EnablementProblem {
  linkId: string;
  message: string;
}

export class EnableWhenEvaluator {
  /** linkId → items, per response subtree (the response is not changed while this lives). */
  private readonly indexes = new WeakMap<JsonObject, Map<string, JsonObject[]>>();
  readonly problems: EnablementProblem[] = [];

  constructor(
    private readonly response: JsonObject,
    private readonly fhirPath: FhirPathEvaluator | undefined,
  ) {}

  /** `containers` runs from the response root to the object that holds the item (the root, an item or an answer). */
  isEnabled(questionItem: JsonObject, containers: readonly JsonObject[]): boolean {
    const expression = this.expressionOf(questionItem);
    if (expression !== undefined) return this.evaluateExpression(questionItem, expression);
    const conditions = objectsOf(questionItem.enableWhen);
    if (conditions.length === 0) return true;
    const results = conditions.map((condition) => this.conditionHolds(condition, containers));
    return questionItem.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
  }

  private expressionOf(questionItem: JsonObject): string | undefined {
    for (const extension of objectsOf(questionItem.extension)) {
      if (typeof extension.url !== 'string' || !EXPRESSION_EXTENSIONS.has(extension.url)) continue;
      if (typeof extension.valueString === 'string') return extension.valueString;
      if (isObject(extension.valueExpression) && typeof extension.valueExpression.expression === 'string') return extension.valueExpression.expression;
    }
    return undefined;
  }

  /** An expression that cannot be evaluated leaves the item enabled (and is noted as a problem). */
  private evaluateExpression(questionItem: JsonObject, expression: string): boolean {
    const linkId = stringOf(questionItem.linkId) ?? '';
    if (!this.fhirPath) return true;
    const compiled = this.fhirPath.compile(expression);
    if ('error' in compiled) {
      this.problems.push({ linkId, message: `The enableWhen expression '${expression}' of item '${linkId}' could not be compiled (${compiled.error}), so the item is taken as enabled` });
      return true;
    }
    const result = this.fhirPath.evaluateBoolean(compiled as CompiledExpression, {
      node: this.response,
      nodePath: 'QuestionnaireResponse',
      resource: this.response,
      rootResource: this.response,
    });
    if (!result.ok) {
      this.problems.push({ linkId, message: `The enableWhen expression '${expression}' of item '${linkId}' could not be evaluated (${result.error}), so the item is taken as enabled` });
      return true;
    }
    return result.value;
  }

  private conditionHolds(condition: JsonObject, containers: readonly JsonObject[]): boolean {
    const question = stringOf(condition.question);
    const operator = stringOf(condition.operator);
    // A malformed condition is the Questionnaire's problem (its own validation reports it); do not let it disable items.
    if (question === undefined || operator === undefined) return true;
    const answers = this.answersTo(question, containers);
    const values = answers.map((answer) => choiceValue(answer, 'value')).filter((v): v is TypedValue => v !== undefined);
    const expected = choiceValue(condition, 'answer');
    if (operator === 'exists') {
      const wanted = expected?.type === 'boolean' ? expected.value !== false : true;
      return (values.length > 0) === wanted;
    }
    if (!expected) return true;
    if (values.length === 0) return false;
    switch (operator) {
      case '=':
        return values.some((v) => valuesEqual(v, expected));
      case '!=':
        return !values.some((v) => valuesEqual(v, expected));
      case '>':
        return values.some((v) => compareValues(v, expected) === 1);
      case '<':
        return values.some((v) => compareValues(v, expected) === -1);
      case '>=':
        return values.some((v) => { const order = compareValues(v, expected); return order === 0 || order === 1; });
      case '<=':
        return values.some((v) => { const order = compareValues(v, expected); return order === 0 || order === -1; });
      default:
        return true;
    }
  }

  /** Answers of the items with this linkId nearest to the containers' innermost member. */
  private answersTo(linkId: string, containers: readonly JsonObject[]): JsonObject[] {
    for (let i = containers.length - 1; i >= 0; i--) {
      const items = this.indexOf(containers[i]).get(linkId);
      if (items && items.length > 0) return items.flatMap((item) => objectsOf(item.answer));
    }
    return [];
  }

  private indexOf(container: JsonObject): Map<string, JsonObject[]> {
    let index = this.indexes.get(container);
    if (!index) {
      index = new Map();
      collectItems(container, index);
      this.indexes.set(container, index);
    }
    return index;
  }
}

/** Every item below a container (through nested items and answers), by linkId. */
function collectItems(container: JsonObject, into: Map<string, JsonObject[]>): void {
  for (const item of objectsOf(container.item)) {
    const linkId = stringOf(item.linkId);
    if (linkId !== undefined) {
      const list = into.get(linkId);
      if (list) list.push(item);
      else into.set(linkId, [item]);
    }
    collectItems(item, into);
    for (const answer of objectsOf(item.answer)) collectItems(answer, into);
  }
}
