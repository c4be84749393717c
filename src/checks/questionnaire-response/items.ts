/**
 * Walks a QuestionnaireResponse's items against its Questionnaire's items: every linkId is
 * one the Questionnaire has at that place, items come in the Questionnaire's order, items
 * and answers repeat only where allowed (and within questionnaire-minOccurs/maxOccurs),
 * required items are answered, disabled items are not, groups and display items carry no
 * answers, and question items keep their children under their answers.
 *
 * Completeness is only demanded of a finished response: for any status other than
 * `completed` or `amended`, missing answers are warnings.
 */
import type { IssueInput } from '../check.js';
import { checkAnswers, type AnswerEnvironment } from './answers.js';
import { EnableWhenEvaluator } from './enable-when.js';
import { firstExtensionValue, isObject, objectsOf, stringOf, type JsonObject } from './values.js';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const FINISHED_STATUSES = new Set(['completed', 'amended']);

export interface ItemsValidationOptions {
  questionnaire: JsonObject;
  response: JsonObject;
  environment: AnswerEnvironment;
  enableWhen: EnableWhenEvaluator;
}

function issue(severity: IssueInput['severity'], code: IssueInput['code'], ruleId: string, message: string): IssueInput {
  return { severity, code, ruleId: `questionnaire-response-${ruleId}`, message };
}

function hasAnswers(item: JsonObject): boolean {
  if (objectsOf(item.answer).length > 0) return true;
  return objectsOf(item.item).some(hasAnswers);
}

export class ResponseItemsValidator {
  private readonly env: AnswerEnvironment;
  private readonly finished: boolean;
  private readonly enableWhen: EnableWhenEvaluator;
  private readonly questionnaire: JsonObject;
  private readonly response: JsonObject;

  constructor(options: ItemsValidationOptions) {
    this.env = options.environment;
    this.questionnaire = options.questionnaire;
    this.response = options.response;
    this.enableWhen = options.enableWhen;
    this.finished = FINISHED_STATUSES.has(stringOf(options.response.status) ?? '');
  }

  validate(): void {
    this.validateItems(objectsOf(this.questionnaire.item), [this.response], true);
  }

  /** Severity for incompleteness: an error in a finished response, a warning otherwise. */
  private get missingSeverity(): IssueInput['severity'] {
    return this.finished ? 'error' : 'warning';
  }

  /** The items of `containers`' last member (the response, an item or an answer) against the Questionnaire items that belong there. */
  private validateItems(questionItems: JsonObject[], containers: JsonObject[], parentEnabled: boolean): void {
    const container = containers[containers.length - 1];
    const responseItems = Array.isArray(container.item) ? container.item : [];
    const byLinkId = new Map<string, JsonObject[]>();
    let furthest = -1;
    responseItems.forEach((responseItem: unknown, index: number) => {
      if (!isObject(responseItem)) return;
      const linkId = stringOf(responseItem.linkId);
      if (linkId === undefined) return; // linkId is 1..1: the cardinality check reports its absence
      const at = { key: 'item', index };
      const position = questionItems.findIndex((q) => q.linkId === linkId);
      if (position < 0) {
        this.reportUnplaced(container, responseItem, linkId, at, containers, parentEnabled);
        return;
      }
      if (position < furthest) {
        this.env.report(container, issue('error', 'structure', 'item-order', `Item '${linkId}' is out of order: the Questionnaire puts it before item '${stringOf(questionItems[furthest].linkId)}'`), at);
      }
      furthest = Math.max(furthest, position);
      const list = byLinkId.get(linkId);
      if (list) list.push(responseItem);
      else byLinkId.set(linkId, [responseItem]);
    });

    for (const questionItem of questionItems) {
      const linkId = stringOf(questionItem.linkId) ?? '';
      const found = byLinkId.get(linkId) ?? [];
      const enabled = parentEnabled && this.enableWhen.isEnabled(questionItem, containers);
      if (found.length > 1 && questionItem.repeats !== true) {
        this.env.report(found[1], issue('error', 'structure', 'item-repeats', `Item '${linkId}' does not repeat, but the response has it ${found.length} times here`));
      }
      if (stringOf(questionItem.type) === 'group') this.checkOccurrences(questionItem, found.length, container, 'repetitions of group', enabled);
      if (found.length === 0 && enabled && questionItem.required === true) {
        this.env.report(container, issue(this.missingSeverity, 'required', 'required-missing', `Item '${linkId}' is required, but the response has no answer for it`));
      }
      for (const responseItem of found) {
        if (!enabled && parentEnabled && hasAnswers(responseItem)) {
          this.env.report(responseItem, issue('error', 'business-rule', 'item-disabled', `Item '${linkId}' has answers, but its enableWhen conditions leave it disabled`));
        }
        this.validateItem(questionItem, responseItem, containers, enabled);
      }
    }
  }

  /** A response item whose linkId the Questionnaire does not have at this place. */
  private reportUnplaced(container: JsonObject, item: JsonObject, linkId: string, at: { key: string; index: number }, containers: JsonObject[], parentEnabled: boolean): void {
    const elsewhere = findItem(objectsOf(this.questionnaire.item), linkId);
    if (!elsewhere) {
      this.env.report(container, issue('error', 'not-found', 'linkid-unknown', `The Questionnaire has no item with linkId '${linkId}'`), at);
      return;
    }
    this.env.report(container, issue('error', 'structure', 'item-misplaced', `Item '${linkId}' is in the wrong place: the Questionnaire does not have it at this level`), at);
    this.validateItem(elsewhere, item, containers, parentEnabled);
  }

  private validateItem(questionItem: JsonObject, item: JsonObject, containers: JsonObject[], enabled: boolean): void {
    const linkId = stringOf(questionItem.linkId) ?? '';
    const type = stringOf(questionItem.type);
    const answers = objectsOf(item.answer);
    const children = objectsOf(item.item);
    const inside = [...containers, item];

    const text = stringOf(item.text);
    const questionText = stringOf(questionItem.text);
    if (text !== undefined && questionText !== undefined && text !== questionText) {
      this.env.report(item, issue('warning', 'value', 'text-mismatch', `The text of item '${linkId}' is '${text}', but the Questionnaire's text is '${questionText}'`), { key: 'text' });
    }

    if (type === 'group' || type === 'display') {
      if (answers.length > 0) {
        this.env.report(item, issue('error', 'structure', `${type}-answer`, `Item '${linkId}' is a ${type} item, so it cannot have answers`), { key: 'answer', index: 0 });
      }
      if (type === 'display') {
        if (children.length > 0) this.env.report(item, issue('error', 'structure', 'display-items', `Item '${linkId}' is a display item, so it cannot have child items`), { key: 'item', index: 0 });
        return;
      }
      this.validateItems(objectsOf(questionItem.item), inside, enabled);
      return;
    }

    if (answers.length === 0 && enabled && questionItem.required === true) {
      this.env.report(item, issue(this.missingSeverity, 'required', 'required-missing', `Item '${linkId}' is required, but it has no answer`));
    }
    if (answers.length > 1 && questionItem.repeats !== true) {
      this.env.report(item, issue('error', 'structure', 'answer-repeats', `Item '${linkId}' does not repeat, so it allows one answer, but it has ${answers.length}`), { key: 'answer', index: 1 });
    }
    this.checkOccurrences(questionItem, answers.length, item, 'answers', enabled);
    if (children.length > 0) {
      this.env.report(item, issue('error', 'structure', 'question-items', `Item '${linkId}' is a question, so its child items belong under its answers, not directly under it`), { key: 'item', index: 0 });
    }
    checkAnswers(questionItem, answers, this.env);
    const childQuestions = objectsOf(questionItem.item);
    for (const answer of answers) {
      if (childQuestions.length > 0 || Array.isArray(answer.item)) this.validateItems(childQuestions, [...inside, answer], enabled);
    }
  }

  /** questionnaire-minOccurs / maxOccurs: answers of a question, or repetitions of a group. */
  private checkOccurrences(questionItem: JsonObject, count: number, node: JsonObject, what: string, enabled: boolean): void {
    const linkId = stringOf(questionItem.linkId) ?? '';
    const min = firstExtensionValue(questionItem, `${EXT}questionnaire-minOccurs`)?.value;
    const max = firstExtensionValue(questionItem, `${EXT}questionnaire-maxOccurs`)?.value;
    if (typeof min === 'number' && count < min && enabled) {
      this.env.report(node, issue(this.missingSeverity, 'required', 'min-occurs', `Item '${linkId}' needs at least ${min} ${what}, but has ${count}`));
    }
    if (typeof max === 'number' && count > max) {
      this.env.report(node, issue('error', 'structure', 'max-occurs', `Item '${linkId}' allows at most ${max} ${what}, but has ${count}`));
    }
  }
}

/** The Questionnaire item with this linkId, at any depth. */
export function findItem(items: JsonObject[], linkId: string): JsonObject | undefined {
  for (const item of items) {
    if (item.linkId === linkId) return item;
    const inner = findItem(objectsOf(item.item), linkId);
    if (inner) return inner;
  }
  return undefined;
}
