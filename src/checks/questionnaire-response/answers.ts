/**
 * Checks of one answer against its Questionnaire item: the value's type against item.type,
 * membership of answerOption / answerValueSet, and the limits the item states (maxLength
 * and the minLength, regex, minValue, maxValue, maxDecimalPlaces, min/maxQuantity,
 * unitOption, mimeType, maxSize and referenceResource extensions).
 */
import { regexComplexityProblem } from '../../fhirpath/index.js';
import type { Terminology } from '../../terminology/index.js';
import type { IssueInput } from '../check.js';
import {
  choiceValue, compareQuantities, compareValues, describeCoding, describeValue, extensionValues, firstExtensionValue, isObject, objectsOf, sameCoding, stringOf,
  type JsonObject, type TypedValue,
} from './values.js';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';
const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';

/** Answer value types each item type accepts (R4 Questionnaire.item.type). */
const ANSWER_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ['boolean', ['boolean']],
  ['decimal', ['decimal']],
  ['integer', ['integer']],
  ['date', ['date']],
  ['dateTime', ['dateTime']],
  ['time', ['time']],
  ['string', ['string']],
  ['text', ['string']],
  ['url', ['uri']],
  ['attachment', ['Attachment']],
  ['reference', ['Reference']],
  ['quantity', ['Quantity']],
  // answerOption.value[x] allows integer, date, time, string, Coding and Reference.
  ['choice', ['Coding', 'integer', 'date', 'time', 'string', 'Reference']],
  ['open-choice', ['Coding', 'integer', 'date', 'time', 'string', 'Reference']],
]);

/** The types QuestionnaireResponse.item.answer.value[x] allows. */
const RESPONSE_VALUE_TYPES = new Set(['boolean', 'decimal', 'integer', 'date', 'dateTime', 'time', 'string', 'uri', 'Attachment', 'Coding', 'Quantity', 'Reference']);

/** Where below a response node an issue belongs (`valueCoding`, or `answer` with an index). */
export interface FindingPlace {
  key: string;
  index?: number;
}

export interface AnswerEnvironment {
  report(node: JsonObject, issue: IssueInput, at?: FindingPlace): void;
  terminology?: Terminology;
  /** The resource type a Reference points to, where it can be told. */
  referenceTargetType(reference: JsonObject): string | undefined;
}

function issue(severity: IssueInput['severity'], code: IssueInput['code'], ruleId: string, message: string): IssueInput {
  return { severity, code, ruleId: `questionnaire-response-${ruleId}`, message };
}

/** Checks every answer of a question item. */
export function checkAnswers(questionItem: JsonObject, answers: readonly JsonObject[], env: AnswerEnvironment): void {
  const type = stringOf(questionItem.type);
  const allowed = type === undefined ? undefined : ANSWER_TYPES.get(type);
  if (type === undefined || !allowed) return;
  const linkId = stringOf(questionItem.linkId) ?? '';
  for (const answer of answers) {
    const value = choiceValue(answer, 'value');
    if (!value) continue;
    const at = { key: value.key };
    // A type answer.value[x] does not allow at all is the structure check's to report.
    if (!RESPONSE_VALUE_TYPES.has(value.type)) continue;
    if (!allowed.includes(value.type)) {
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      env.report(answer, issue('error', 'structure', 'answer-type', `The answer to item '${linkId}' (type ${type}) must be of type ${expected}, not ${value.type}`), at);
      continue;
    }
    const answerCheck = { questionItem, linkId, type, answer, value, answers, env, at };
    checkChoices(answerCheck);
    checkLimits(answerCheck);
  }
}

interface AnswerCheck {
  questionItem: JsonObject;
  linkId: string;
  type: string;
  answer: JsonObject;
  value: TypedValue;
  answers: readonly JsonObject[];
  env: AnswerEnvironment;
  at: FindingPlace;
}

/** answerOption or answerValueSet membership. */
function checkChoices(check: AnswerCheck): void {
  const { questionItem, value, type } = check;
  const openChoice = type === 'open-choice';
  // Free text is what open-choice allows beside the listed options.
  if (openChoice && value.type === 'string') return;
  const options = objectsOf(questionItem.answerOption);
  if (options.length > 0) {
    checkOptions(check, options, openChoice);
    return;
  }
  const valueSet = stringOf(questionItem.answerValueSet);
  if (valueSet !== undefined && value.type === 'Coding') {
    checkValueSet(check, valueSet, openChoice);
    return;
  }
  if ((type === 'choice' || openChoice) && value.type === 'Coding') {
    check.env.report(check.answer, issue('information', 'informational', 'options-none', `Item '${check.linkId}' lists no answer options or value set, so the answer ${describeValue(value)} was not checked against any`), check.at);
  }
}

function checkOptions(check: AnswerCheck, options: JsonObject[], openChoice: boolean): void {
  const { value, env, linkId } = check;
  const sameType = options.map((option) => ({ option, value: choiceValue(option, 'value') })).filter((o) => o.value?.type === value.type);
  const matched = sameType.find((o) => optionMatches(o.value!, value));
  // An open-choice answer outside the list is allowed to be coded; it is only worth a warning.
  const severity = openChoice ? 'warning' : 'error';
  if (!matched) {
    const reason = sameType.length === 0 ? `item '${linkId}' offers no ${value.type} options` : `it is not one of the answer options of item '${linkId}'`;
    env.report(check.answer, issue(severity, 'code-invalid', 'answer-option', `The answer ${describeValue(value)} is not permitted: ${reason}`), check.at);
    return;
  }
  const exclusive = firstExtensionValue(matched.option, `${EXT}questionnaire-optionExclusive`);
  if (exclusive?.value === true && check.answers.length > 1) {
    env.report(check.answer, issue('error', 'business-rule', 'option-exclusive', `The answer ${describeValue(value)} is an exclusive option of item '${linkId}', so no other answer may be given with it (found ${check.answers.length} answers)`));
  }
}

/** A coded answer matches an option on system and code; other types on their value. */
function optionMatches(option: TypedValue, answer: TypedValue): boolean {
  if (answer.type === 'Coding') return sameCoding(option.value, answer.value);
  if (answer.type === 'Reference') return isObject(option.value) && isObject(answer.value) && option.value.reference === answer.value.reference;
  return option.value === answer.value;
}

function checkValueSet(check: AnswerCheck, valueSet: string, openChoice: boolean): void {
  const { env, value, linkId } = check;
  const coding = value.value;
  if (!isObject(coding) || typeof coding.code !== 'string') return;
  if (valueSet.startsWith('#')) {
    env.report(check.answer, issue('information', 'informational', 'valueset-not-checked', `The answer ${describeCoding(coding)} was not checked: the value set ${valueSet} of item '${linkId}' is contained in the Questionnaire, which local terminology does not read`), check.at);
    return;
  }
  if (!env.terminology) return;
  const result = env.terminology.validateCode({ system: stringOf(coding.system), version: stringOf(coding.version), code: coding.code, display: stringOf(coding.display) }, valueSet);
  switch (result.result) {
    case 'valid':
      if (result.displayMismatch) {
        env.report(check.answer, issue('warning', 'invalid', 'display-mismatch', `Wrong display '${result.displayMismatch.supplied}' for ${describeCoding(coding)}: expected ${result.displayMismatch.expected.map((d) => `'${d}'`).join(' or ')}`), check.at);
      }
      return;
    case 'invalid':
      env.report(check.answer, issue(openChoice ? 'warning' : 'error', 'code-invalid', 'answer-valueset', `The answer ${describeCoding(coding)} is not in the value set ${valueSet} that item '${linkId}' takes its answers from`), check.at);
      return;
    case 'unknown-valueset':
      env.report(check.answer, issue('warning', 'not-found', 'valueset-unknown', `The value set ${valueSet} of item '${linkId}' could not be found, so the answer ${describeCoding(coding)} was not checked`), check.at);
      return;
    case 'not-checked':
      env.report(check.answer, issue('information', 'informational', 'valueset-not-checked', `The answer ${describeCoding(coding)} to item '${linkId}' could not be checked here: ${result.message}`), check.at);
  }
}

function checkLimits(check: AnswerCheck): void {
  switch (check.value.type) {
    case 'string':
      checkStringLimits(check, check.value.value);
      break;
    case 'integer':
    case 'decimal':
    case 'date':
    case 'dateTime':
    case 'time':
      checkRange(check, firstExtensionValue(check.questionItem, `${EXT}minValue`), firstExtensionValue(check.questionItem, `${EXT}maxValue`));
      if (check.value.type === 'decimal') checkDecimalPlaces(check, check.value.value);
      break;
    case 'Quantity':
      checkQuantity(check);
      break;
    case 'Attachment':
      checkAttachment(check);
      break;
    case 'Reference':
      checkReferenceType(check);
      break;
  }
}

function checkStringLimits(check: AnswerCheck, text: unknown): void {
  if (typeof text !== 'string') return;
  const { questionItem, env, linkId } = check;
  const length = [...text].length;
  const maxLength = questionItem.maxLength;
  if (typeof maxLength === 'number' && length > maxLength) {
    env.report(check.answer, issue('error', 'too-long', 'max-length', `The answer to item '${linkId}' is ${length} characters long, more than its maxLength of ${maxLength}`), check.at);
  }
  const minLength = firstExtensionValue(questionItem, `${EXT}minLength`)?.value;
  if (typeof minLength === 'number' && length < minLength) {
    env.report(check.answer, issue('error', 'invalid', 'min-length', `The answer to item '${linkId}' is ${length} characters long, fewer than its minLength of ${minLength}`), check.at);
  }
  const pattern = stringOf(firstExtensionValue(questionItem, `${EXT}regex`)?.value);
  if (pattern !== undefined) {
    const regex = safeRegex(pattern);
    if (regex && !regex.test(text)) {
      env.report(check.answer, issue('error', 'invalid', 'regex', `The answer '${text}' to item '${linkId}' does not match its pattern ${pattern}`), check.at);
    }
  }
}

/** A whole-value RegExp, or undefined when the pattern is not valid JavaScript or could backtrack without bound. */
function safeRegex(pattern: string): RegExp | undefined {
  if (regexComplexityProblem(pattern) !== undefined) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

function checkRange(check: AnswerCheck, min: TypedValue | undefined, max: TypedValue | undefined): void {
  const { value, env, linkId } = check;
  if (min && compareValues(value, min, true) === -1) {
    env.report(check.answer, issue('error', 'value', 'min-value', `The answer ${describeValue(value)} to item '${linkId}' is less than its minimum of ${describeValue(min)}`), check.at);
  }
  if (max && compareValues(value, max, true) === 1) {
    env.report(check.answer, issue('error', 'value', 'max-value', `The answer ${describeValue(value)} to item '${linkId}' is greater than its maximum of ${describeValue(max)}`), check.at);
  }
}

function checkDecimalPlaces(check: AnswerCheck, decimal: unknown): void {
  const limit = firstExtensionValue(check.questionItem, `${EXT}maxDecimalPlaces`)?.value;
  if (typeof limit !== 'number' || typeof decimal !== 'number') return;
  const text = String(decimal);
  const places = text.includes('e') || !text.includes('.') ? 0 : text.length - text.indexOf('.') - 1;
  if (places > limit) {
    check.env.report(check.answer, issue('error', 'value', 'decimal-places', `The answer ${text} to item '${check.linkId}' has ${places} decimal places, more than its limit of ${limit}`), check.at);
  }
}

function checkQuantity(check: AnswerCheck): void {
  const { questionItem, value, env, linkId } = check;
  const quantity = value.value;
  if (!isObject(quantity)) return;
  const bounds: Array<[TypedValue | undefined, 'minimum' | 'maximum']> = [
    [firstExtensionValue(questionItem, `${SDC}sdc-questionnaire-minQuantity`), 'minimum'],
    [firstExtensionValue(questionItem, `${SDC}sdc-questionnaire-maxQuantity`), 'maximum'],
  ];
  for (const [bound, which] of bounds) {
    if (!bound || bound.type !== 'Quantity' || !isObject(bound.value)) continue;
    const order = compareQuantities(quantity, bound.value);
    if (order === 'incompatible') {
      env.report(check.answer, issue('error', 'value', 'quantity-units-incompatible', `The answer ${describeValue(value)} to item '${linkId}' cannot be compared with its ${which} of ${describeValue(bound)}: the units measure different things`), check.at);
    } else if (order === undefined) {
      env.report(check.answer, issue('warning', 'value', 'quantity-not-comparable', `The answer ${describeValue(value)} to item '${linkId}' could not be compared with its ${which} of ${describeValue(bound)}: the units are not coded, or not both UCUM`), check.at);
    } else if ((which === 'minimum' && order < 0) || (which === 'maximum' && order > 0)) {
      env.report(check.answer, issue('error', 'value', which === 'minimum' ? 'min-value' : 'max-value', `The answer ${describeValue(value)} to item '${linkId}' is ${which === 'minimum' ? 'less' : 'greater'} than its ${which} of ${describeValue(bound)}`), check.at);
    }
  }
  const decimal = quantity.value;
  checkDecimalPlaces(check, decimal);
  const units = extensionValues(questionItem, `${EXT}questionnaire-unitOption`).filter((u) => u.type === 'Coding').map((u) => u.value);
  if (units.length > 0 && !units.some((unit) => unitMatches(unit, quantity))) {
    env.report(check.answer, issue('error', 'code-invalid', 'unit-option', `The unit of the answer ${describeValue(value)} to item '${linkId}' is not one of its unit options (${units.map(describeCoding).join(', ')})`), check.at);
  }
  const unitValueSet = stringOf(firstExtensionValue(questionItem, `${EXT}questionnaire-unitValueSet`)?.value);
  if (unitValueSet !== undefined && env.terminology && typeof quantity.code === 'string') {
    const result = env.terminology.validateCode({ system: stringOf(quantity.system), code: quantity.code }, unitValueSet);
    if (result.result === 'invalid') {
      env.report(check.answer, issue('error', 'code-invalid', 'unit-valueset', `The unit ${describeCoding(quantity)} of the answer to item '${linkId}' is not in its unit value set ${unitValueSet}`), check.at);
    }
  }
}

function unitMatches(unit: unknown, quantity: JsonObject): boolean {
  if (!isObject(unit)) return false;
  if (typeof quantity.code === 'string') return sameCoding(unit, quantity);
  return typeof quantity.unit === 'string' && (quantity.unit === unit.code || quantity.unit === unit.display);
}

function checkAttachment(check: AnswerCheck): void {
  const { questionItem, value, env, linkId } = check;
  const attachment = value.value;
  if (!isObject(attachment)) return;
  const types = extensionValues(questionItem, `${EXT}mimeType`).map((t) => stringOf(t.value)).filter((t): t is string => t !== undefined);
  const contentType = stringOf(attachment.contentType);
  if (types.length > 0 && contentType !== undefined && !types.some((t) => sameMimeType(t, contentType))) {
    env.report(check.answer, issue('error', 'value', 'attachment-type', `The attachment's content type ${contentType} is not allowed for item '${linkId}' (allowed: ${types.join(', ')})`), check.at);
  }
  const maxSize = firstExtensionValue(questionItem, `${EXT}maxSize`)?.value;
  if (typeof maxSize === 'number' && typeof attachment.size === 'number' && attachment.size > maxSize) {
    env.report(check.answer, issue('error', 'too-long', 'attachment-size', `The attachment is ${attachment.size} bytes, more than the ${maxSize} bytes allowed for item '${linkId}'`), check.at);
  }
}

/** MIME types compare without parameters and case; `image/*` allows any image type. */
function sameMimeType(allowed: string, actual: string): boolean {
  const bare = (t: string) => t.split(';')[0].trim().toLowerCase();
  const a = bare(allowed);
  const b = bare(actual);
  return a === b || (a.endsWith('/*') && b.startsWith(a.slice(0, -1)));
}

function checkReferenceType(check: AnswerCheck): void {
  const { questionItem, value, env, linkId } = check;
  const reference = value.value;
  if (!isObject(reference)) return;
  const allowed = extensionValues(questionItem, `${EXT}questionnaire-referenceResource`).map((t) => stringOf(t.value)).filter((t): t is string => t !== undefined);
  if (allowed.length === 0 || allowed.includes('Resource')) return;
  const target = env.referenceTargetType(reference);
  if (target !== undefined && !allowed.includes(target)) {
    env.report(check.answer, issue('error', 'structure', 'reference-type', `The answer to item '${linkId}' refers to a ${target}, but the item allows only ${allowed.join(', ')}`), check.at);
  }
}
