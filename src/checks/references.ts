/**
 * References: the reference string's form, its resolution (contained `#id`, within the
 * enclosing Bundle by the FHIR rules) and the type of what it points to against the
 * element's targetProfile. A `urn:` reference missing from its Bundle is an error; other
 * unresolved references inside a Bundle are warnings (they may point outside the message).
 */
import { isAbsoluteReference } from '../instance/bundle-index.js';
import { tailOfCanonical } from '../compile/type-codes.js';
import type { ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit, ResourceFrame } from './check.js';

const RELATIVE = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const RESTFUL_ABSOLUTE = /\/([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
/** The next-to-last segment of a reference, when it looks like a resource type name (`…/Chicken/example`). */
const TYPE_SEGMENT = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]*$/;

function containedTarget(frame: ResourceFrame, id: string): Record<string, unknown> | undefined {
  const container = frame.container ?? frame;
  if (id === '') return container.resource;
  const contained = container.resource.contained;
  if (!Array.isArray(contained)) return undefined;
  return contained.find((r) => r && typeof r === 'object' && (r as { id?: unknown }).id === id) as Record<string, unknown> | undefined;
}

/**
 * Resource types a Reference element may point to ('Resource' = any). Undefined when a target
 * profile is not loaded and its name is not a resource type (e.g. UKCore-Patient without UK
 * Core): its type is unknown, so no target can be ruled out.
 */
function allowedTypes(visit: NodeVisit, ctx: CheckContext): string[] | undefined {
  const type = visit.element.types.find((t) => t.code === visit.typeCode) ?? visit.element.types[0];
  const out: string[] = [];
  for (const target of type?.targetProfiles ?? []) {
    const sd = ctx.services.defs.resolve<{ resourceType: string; type?: string }>(target, 'StructureDefinition');
    const typeName = sd?.type ?? tailOfCanonical(target);
    if (!sd && typeName !== 'Resource' && ctx.services.plans.typePlan(typeName)?.info.kind !== 'resource') return undefined;
    out.push(typeName);
  }
  return out;
}

/**
 * ElementDefinition.type.aggregation: `contained` admits a reference to a contained resource,
 * `bundled` one to a resource in the same Bundle, `referenced` any that is not contained (a
 * resource in the Bundle is referenced too).
 */
function aggregationAllows(modes: readonly string[], held: 'contained' | 'bundled' | 'external'): boolean {
  if (held === 'contained') return modes.includes('contained');
  if (held === 'bundled') return modes.includes('bundled') || modes.includes('referenced');
  return modes.includes('referenced');
}

export function createReferencesCheck(): Check {
  // The allowed target types per element and type, decided once (plans and definitions belong to this validator).
  const allowedByElement = new WeakMap<ElementPlan, Map<string, string[] | null>>();
  function allowedTypesOf(visit: NodeVisit, ctx: CheckContext): string[] | undefined {
    let byType = allowedByElement.get(visit.element);
    if (!byType) {
      byType = new Map();
      allowedByElement.set(visit.element, byType);
    }
    let allowed = byType.get(visit.typeCode);
    if (allowed === undefined) {
      allowed = allowedTypes(visit, ctx) ?? null;
      byType.set(visit.typeCode, allowed);
    }
    return allowed ?? undefined;
  }

  return {
    name: 'references',
    appliesTo: (_element, role, typeCode) => role === 'element' && typeCode === 'Reference',
    checkNode(visit, ctx) {
      if (visit.role !== 'element' || visit.typeCode !== 'Reference') return;
      const value = visit.value as { reference?: unknown; type?: unknown } | null | undefined;
      const reference = value && typeof value === 'object' ? value.reference : undefined;
      if (typeof reference !== 'string' || reference.length === 0) return;

      let targetType: string | undefined;
      // How the reference is resolved, for the type's aggregation modes.
      let held: 'contained' | 'bundled' | 'external' = 'external';
      if (reference.startsWith('#')) {
        held = 'contained';
        const target = containedTarget(ctx.resource, reference.slice(1));
        if (!target) {
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'reference-contained-not-found', message: `The contained reference '${reference}' does not match any contained resource` });
          return;
        }
        targetType = typeof target.resourceType === 'string' ? target.resourceType : undefined;
      } else {
        const relative = RELATIVE.exec(reference);
        if (!relative && !isAbsoluteReference(reference)) {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'reference-format', message: `The reference '${reference}' is not a valid reference (expected Type/id, an absolute URL, a URN or #id)` });
          // As the HL7 Java validator does, the type a malformed reference names (its next-to-last
          // segment, where that looks like a type name) is checked too.
          const named = TYPE_SEGMENT.exec(reference)?.[1];
          if (named && ctx.services.plans.typePlan(named)?.info.kind !== 'resource') {
            ctx.report({ severity: 'error', code: 'invalid', ruleId: 'reference-type-unknown', message: `The resource type ${named} in the reference ${reference} is not valid` });
          }
          return;
        }
        const typeInString = relative?.[1] ?? RESTFUL_ABSOLUTE.exec(reference)?.[1];
        if (relative && ctx.services.plans.typePlan(relative[1])?.info.kind !== 'resource') {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'reference-type-unknown', message: `The resource type ${relative[1]} in the reference ${reference} is not valid` });
          return;
        }
        targetType = typeInString;
        const bundle = ctx.resource.bundle;
        if (bundle) {
          const found = bundle.resolve(reference, ctx.resource.fullUrl);
          if (found.matches.length > 1) {
            ctx.report({ severity: 'error', code: 'invalid', ruleId: 'reference-ambiguous', message: `Found ${found.matches.length} matches for '${reference}' in the bundle` });
            return;
          }
          if (found.matches.length === 1) {
            held = 'bundled';
            targetType = found.matches[0].resourceType ?? targetType;
          } else if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
            ctx.report({ severity: 'error', code: 'not-found', ruleId: 'reference-not-in-bundle', message: `Can't find '${reference}' in the bundle` });
            return;
          } else {
            if (found.nearMisses.length > 0) {
              // The target is in the Bundle, but the reference cannot reach it: the sender meant it and got it wrong.
              ctx.report({ severity: 'error', code: 'not-found', ruleId: 'reference-fullurl-rules', message: `Can't find '${reference}' in the bundle. Note that there is a resource in the bundle with the same type and id, but it does not match because of the fullUrl based rules around matching relative references` });
            } else {
              ctx.report({ severity: 'warning', code: 'not-found', ruleId: 'reference-unresolved', message: `Can't find '${reference}' in the bundle` });
            }
          }
        }
      }
      const modes = (visit.element.types.find((t) => t.code === visit.typeCode) ?? visit.element.types[0])?.aggregation ?? [];
      if (modes.length > 0 && !aggregationAllows(modes, held)) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'reference-aggregation', message: `The reference is ${held}, which the aggregation mode(s) of this element do not allow (${modes.join(', ')})` });
      }
      if (typeof value?.type === 'string' && targetType && value.type !== targetType) {
        ctx.report({ severity: 'error', code: 'invalid', ruleId: 'reference-type-mismatch', message: `The reference '${reference}' points to a ${targetType}, but Reference.type says ${value.type}` });
      }
      const allowed = allowedTypesOf(visit, ctx);
      if (!targetType || !allowed || allowed.length === 0 || allowed.includes('Resource')) return;
      if (!allowed.includes(targetType)) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'reference-target-type', message: `Invalid Resource target type. Found ${targetType}, but expected one of (${allowed.join(', ')})` });
      }
    },
  };
}
