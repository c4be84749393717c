/**
 * QuestionnaireResponse against its Questionnaire (found by the `questionnaire` canonical:
 * contained, in the Bundle, or in the definitions): item structure, required and disabled
 * items, answer types, options, value sets and limits (see questionnaire-response/).
 *
 * The whole response is checked once, when the walker reaches its root, because the rules
 * relate items across the tree (order, enableWhen). Issues that belong to a node below the
 * root are held until the walker visits that node and then reported there, so locations
 * still come from the walker's path stack.
 */
import { isAbsoluteReference } from '../instance/bundle-index.js';
import type { ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, IssueInput, RelativeLocation } from './check.js';
import type { AnswerEnvironment, FindingPlace } from './questionnaire-response/answers.js';
import { EnableWhenEvaluator } from './questionnaire-response/enable-when.js';
import { ResponseItemsValidator } from './questionnaire-response/items.js';
import { resolveCanonicalResource } from './questionnaire-response/resolve-canonical.js';
import { compareTemporal, isObject, objectsOf, stringOf, type JsonObject } from './questionnaire-response/values.js';

interface PendingIssue {
  issue: IssueInput;
  at?: FindingPlace;
}

const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE_RESTFUL = /\/([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** A relative place below a node, with the child element so that choice values are written `value.ofType(T)`. */
function placeBelow(element: ElementPlan, at: FindingPlace | undefined): RelativeLocation | undefined {
  if (!at) return undefined;
  const entry = element.children.get(at.key);
  return { key: at.key, ...(at.index !== undefined ? { index: at.index } : {}), ...(entry ? { element: entry.element, typeCode: entry.typeCode } : {}) };
}

/** The resource type a Reference points to: its `type`, its literal form, or what it resolves to. */
function referenceTargetType(reference: JsonObject, ctx: CheckContext): string | undefined {
  if (typeof reference.type === 'string') return reference.type;
  const literal = stringOf(reference.reference);
  if (literal === undefined) return undefined;
  if (literal.startsWith('#')) {
    const container = ctx.resource.container ?? ctx.resource;
    return stringOf(objectsOf(container.resource.contained).find((r) => r.id === literal.slice(1))?.resourceType);
  }
  const bundle = ctx.resource.bundle;
  if (bundle) {
    const found = bundle.resolve(literal, ctx.resource.fullUrl);
    if (found.matches.length === 1) return found.matches[0].resourceType;
  }
  const typed = RELATIVE_REFERENCE.exec(literal)?.[1] ?? (isAbsoluteReference(literal) ? ABSOLUTE_RESTFUL.exec(literal)?.[1] : undefined);
  return typed !== undefined && ctx.services.plans.typePlan(typed)?.info.kind === 'resource' ? typed : undefined;
}

export function createQuestionnaireResponseCheck(): Check {
  // Per response, per node of it: weakly keyed by the input's own objects, so nothing outlives
  // the input, and replaced whenever the response is checked again, so nothing goes stale.
  const pendingByResponse = new WeakMap<object, WeakMap<object, PendingIssue[]>>();

  function validateResponse(response: JsonObject, rootElement: ElementPlan, ctx: CheckContext): void {
    pendingByResponse.delete(response);
    const canonical = stringOf(response.questionnaire);
    if (canonical === undefined) return;
    const lookup = resolveCanonicalResource(canonical, 'Questionnaire', ctx.resource, ctx.services.defs);
    const at = placeBelow(rootElement, { key: 'questionnaire' });
    if ('wrongType' in lookup) {
      ctx.report({ severity: 'error', code: 'invalid', ruleId: 'questionnaire-response-questionnaire-type', message: `The questionnaire '${canonical}' refers to a ${lookup.wrongType}, not a Questionnaire` }, at);
      return;
    }
    if ('notFound' in lookup) {
      // As the HL7 validator: a warning, or only a note for the example.org placeholder domain.
      const placeholder = /^https?:\/\/example\.org\//.test(canonical);
      ctx.report({ severity: placeholder ? 'information' : 'warning', code: 'not-found', ruleId: 'questionnaire-response-questionnaire-unknown', message: `The Questionnaire '${canonical}' could not be found, so the answers were not checked against it` }, at);
      return;
    }
    const questionnaire = lookup.found;
    checkAuthoredInPeriod(response, questionnaire, rootElement, ctx);
    const pending = new WeakMap<object, PendingIssue[]>();
    pendingByResponse.set(response, pending);

    const environment: AnswerEnvironment = {
      terminology: ctx.services.terminology,
      referenceTargetType: (reference) => referenceTargetType(reference, ctx),
      report(node, issue, place) {
        if (node === response) {
          ctx.report(issue, placeBelow(rootElement, place));
          return;
        }
        const list = pending.get(node);
        if (list) list.push({ issue, at: place });
        else pending.set(node, [{ issue, at: place }]);
      },
    };
    const enableWhen = new EnableWhenEvaluator(response, ctx.services.fhirPath);
    new ResponseItemsValidator({ questionnaire, response, environment, enableWhen }).validate();
    for (const problem of new Set(enableWhen.problems.map((p) => p.message))) {
      ctx.report({ severity: 'warning', code: 'processing', ruleId: 'questionnaire-response-enablewhen-expression', message: problem });
    }
  }

  return {
    name: 'questionnaire-response',
    // The response's root (its base definition) and the nodes pending issues are kept for: items and answers.
    appliesTo: (element, role) =>
      role === 'root' ? element.path === 'QuestionnaireResponse' && element.structure.derivation !== 'constraint' : element.path.startsWith('QuestionnaireResponse.item'),
    checkNode(visit, ctx) {
      if (ctx.resource.resourceType !== 'QuestionnaireResponse' || !isObject(visit.value)) return;
      if (visit.role === 'root') {
        // Once per response: at the root of its base definition, not again for each profile.
        if (visit.value === ctx.resource.resource && visit.element.path === 'QuestionnaireResponse' && visit.element.structure.derivation !== 'constraint') {
          validateResponse(visit.value, visit.element, ctx);
        }
        return;
      }
      const held = pendingByResponse.get(ctx.resource.resource)?.get(visit.value);
      // Once per walker: a nested (silent) walker that visits the node does not use them up.
      if (!held || ctx.seen(visit.value, 'questionnaire-response-issues')) return;
      for (const { issue, at } of held) ctx.report(issue, placeBelow(visit.element, at));
    },
  };
}

/** The response should be authored within the Questionnaire's effectivePeriod (a warning, as in the HL7 validator). */
function checkAuthoredInPeriod(response: JsonObject, questionnaire: JsonObject, rootElement: ElementPlan, ctx: CheckContext): void {
  const authored = stringOf(response.authored);
  const period = questionnaire.effectivePeriod;
  if (authored === undefined || !isObject(period)) return;
  const start = stringOf(period.start);
  const end = stringOf(period.end);
  const at = placeBelow(rootElement, { key: 'authored' });
  if (start !== undefined && compareTemporal('dateTime', authored, start) === -1) {
    ctx.report({ severity: 'warning', code: 'business-rule', ruleId: 'questionnaire-response-authored-period', message: `The response was authored on ${authored}, before the Questionnaire's effective period starts (${start})` }, at);
  }
  if (end !== undefined && compareTemporal('dateTime', authored, end) === 1) {
    ctx.report({ severity: 'warning', code: 'business-rule', ruleId: 'questionnaire-response-authored-period', message: `The response was authored on ${authored}, after the Questionnaire's effective period ends (${end})` }, at);
  }
}
