/**
 * Invariants (ele-1, dom-*, bdl-*, profile constraints): each constraint of the element and
 * of every definition applied to the node. The commonest have exact native equivalents; the
 * rest run through the FHIRPath adapter. Best-practice constraints are not enforced.
 * A constraint that cannot be compiled or evaluated is reported as a warning, never as a failure.
 */
import type { CompiledExpression } from '../fhirpath/index.js';
import type { ConstraintPlan, ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit } from './check.js';
import { nativeConstraint, triviallyHolds } from './native-constraints.js';

function failure(constraint: ConstraintPlan): string {
  return `Constraint failed: ${constraint.key}: '${constraint.human}' (defined in ${constraint.source})`;
}

export function createInvariantsCheck(): Check {
  // Each element's enforced constraints with their native forms, decided once (plans belong to this validator).
  type Prepared = { constraint: ConstraintPlan; native: ReturnType<typeof nativeConstraint> };
  const prepared = new WeakMap<ElementPlan, Prepared[]>();
  function preparedFor(element: ElementPlan): Prepared[] {
    let list = prepared.get(element);
    if (!list) {
      list = element.constraints
        .filter((c) => !c.bestPractice)
        .map((constraint) => ({ constraint, native: nativeConstraint(constraint.key, constraint.expression) }));
      prepared.set(element, list);
    }
    return list;
  }

  function evaluate(constraint: ConstraintPlan, visit: NodeVisit, ctx: CheckContext): boolean | undefined {
    const fhirPath = ctx.services.fhirPath;
    if (!fhirPath) return undefined;
    const compiled = fhirPath.compile(constraint.expression);
    if ('error' in compiled) {
      if (!ctx.seen(ctx.resource.root.resource, `invalid:${constraint.key}:${constraint.source}`)) {
        ctx.report({ severity: 'warning', code: 'processing', ruleId: 'invariant-invalid', definition: constraint.source, message: `The constraint ${constraint.key} (${constraint.expression}) could not be compiled, so it was not checked: ${compiled.error}` });
      }
      return undefined;
    }
    const frame = ctx.resource;
    const result = fhirPath.evaluateBoolean(compiled as CompiledExpression, {
      node: visit.value,
      nodePath: visit.element.path,
      nodeType: visit.typeCode,
      resource: frame.resource,
      rootResource: frame.container?.resource ?? frame.resource,
      primitiveExtension: visit.companion,
      bundle: frame.bundle?.bundle,
      memo: visit.value !== null && typeof visit.value === 'object' ? ctx.nodeMemo(visit.value) : undefined,
    });
    if (!result.ok) {
      if (!ctx.seen(ctx.resource.root.resource, `error:${constraint.key}:${constraint.source}`)) {
        ctx.report({ severity: 'warning', code: 'processing', ruleId: 'invariant-error', definition: constraint.source, message: `The constraint ${constraint.key} could not be evaluated, so it was not checked: ${result.error}` });
      }
      return undefined;
    }
    return result.value;
  }

  return {
    name: 'invariants',
    checkNode(visit, ctx) {
      if (visit.element.constraints.length === 0) return;
      const value = visit.value;
      const objectNode = value !== null && typeof value === 'object' ? value : undefined;
      for (const { constraint, native } of preparedFor(visit.element)) {
        let holds = native ? native(visit, ctx.resource) : undefined;
        if (holds === undefined && triviallyHolds(constraint.expression, value)) holds = true;
        if (holds === undefined) {
          // The same node is seen against the base definition and each profile: run FHIRPath once per node.
          if (objectNode && ctx.seen(objectNode, constraint.expression)) continue;
          holds = evaluate(constraint, visit, ctx);
        }
        if (holds === false) {
          ctx.report({ severity: constraint.severity, code: 'invariant', ruleId: constraint.key, definition: constraint.source, message: failure(constraint) });
        }
      }
    },
  };
}
