/**
 * Invariants (ele-1, dom-*, bdl-*, profile constraints): each constraint of the element and
 * of every definition applied to the node. The commonest have exact native equivalents; the
 * rest run through the FHIRPath adapter. Best-practice constraints are not enforced.
 *
 * Two ways a constraint can go wrong other than failing, each reported once per constraint and
 * input (the outermost resource validated), never as the constraint failing (its own key):
 * - it cannot be compiled (`invariant-invalid`, warning, processing): a fault of the profile,
 *   not of the instance, which is not checked against it;
 * - its evaluation fails on this instance (`invariant-error`, with the constraint's own
 *   severity, so an error constraint gives an error): fhirpath.js throws (a type error,
 *   single() on many, an undefined variable, a refused regex) — code exception — or the
 *   evaluation passes its deadline — code too-costly. The instance cannot be said to meet the
 *   constraint, so it is not accepted as if it did; the message says why.
 */
import type { CompiledExpression, FhirPathEvaluator } from '../fhirpath/index.js';
import type { ConstraintPlan, ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit } from './check.js';
import { holdsWithoutContained, isAboutContained, nativeConstraint } from './native-constraints.js';

function failure(constraint: ConstraintPlan): string {
  return `Constraint failed: ${constraint.key}: '${constraint.human}' (defined in ${constraint.source})`;
}

function evaluationFailure(constraint: ConstraintPlan, error: string): string {
  return `The constraint ${constraint.key} ('${constraint.human}', defined in ${constraint.source}) could not be evaluated on this instance, so whether it holds is unknown: ${error}`;
}

/** Two constraints that report the same issue when they fail (key, rule, severity, words and source). */
function sameConstraint(a: ConstraintPlan, b: ConstraintPlan): boolean {
  return a.key === b.key && a.expression === b.expression && a.severity === b.severity && a.human === b.human && a.source === b.source && a.bestPractice === b.bestPractice;
}

export function createInvariantsCheck(): Check {
  // Each element's enforced constraints with their native forms, decided once (plans belong to this validator).
  // `compiled`: the FHIRPath compilation by `compiledBy`, asked of that evaluator on first use and
  // kept here (no look-up by expression text per node).
  type Prepared = {
    constraint: ConstraintPlan;
    native: ReturnType<typeof nativeConstraint>;
    onContained: boolean;
    compiled?: CompiledExpression | { error: string };
    compiledBy?: FhirPathEvaluator;
  };
  const prepared = new WeakMap<ElementPlan, Prepared[]>();
  function preparedFor(element: ElementPlan): Prepared[] {
    let list = prepared.get(element);
    if (!list) {
      list = element.constraints
        .filter((c) => !c.bestPractice)
        .map((constraint) => ({ constraint, native: nativeConstraint(constraint.key, constraint.expression), onContained: isAboutContained(constraint.expression) }));
      prepared.set(element, list);
    }
    return list;
  }

  function evaluate(prepared: Prepared, visit: NodeVisit, ctx: CheckContext): boolean | undefined {
    const fhirPath = ctx.services.fhirPath;
    if (!fhirPath) return undefined;
    const constraint = prepared.constraint;
    if (prepared.compiledBy !== fhirPath) {
      prepared.compiled = fhirPath.compile(constraint.expression);
      prepared.compiledBy = fhirPath;
    }
    const compiled = prepared.compiled!;
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
        // The deadline stopped it (too-costly), or fhirpath.js threw (exception).
        const code = result.timedOut ? 'too-costly' : 'exception';
        // Never more severe than the constraint failing would be: a warning constraint's failure stays a warning.
        ctx.report({ severity: constraint.severity, code, ruleId: 'invariant-error', definition: constraint.source, message: evaluationFailure(constraint, result.error) });
      }
      return undefined;
    }
    return result.value;
  }

  function check(list: readonly Prepared[], visit: NodeVisit, ctx: CheckContext): void {
    const value = visit.value;
    const objectNode = value !== null && typeof value === 'object' ? value : undefined;
    for (let i = 0; i < list.length; i++) {
      const { constraint, native, onContained } = list[i];
      let holds = native ? native(visit, ctx.resource) : undefined;
      if (holds === undefined && onContained && holdsWithoutContained(value)) holds = true;
      if (holds === undefined) {
        // The same node is seen against the base definition and each profile: run FHIRPath once per node.
        if (objectNode && ctx.seen(objectNode, constraint.expression)) continue;
        holds = evaluate(list[i], visit, ctx);
      }
      if (holds === false) {
        ctx.report({ severity: constraint.severity, code: 'invariant', ruleId: constraint.key, definition: constraint.source, message: failure(constraint) });
      }
    }
  }

  // A type's root applied to a node found at an element: its constraints that the element carries
  // too (ele-1 on every element) give the same issue at the same place, so they leave it out.
  function applies(element: ElementPlan, role: NodeVisit['role'], carrier: ElementPlan | undefined): boolean {
    const list = preparedFor(element);
    if (role !== 'root' || carrier === undefined) return list.length > 0;
    return list.some(({ constraint }) => !carrier.constraints.some((own) => sameConstraint(own, constraint)));
  }

  return {
    name: 'invariants',
    // The element's prepared constraints taken once, not looked up per node. (With a carrier, what
    // applies there implies constraints at all.)
    prepareNode(element, role, _typeCode, carrier) {
      if (!applies(element, role, carrier)) return undefined;
      const list = preparedFor(element);
      return (visit, ctx) => check(list, visit, ctx);
    },
    checkNode(visit, ctx) {
      if (visit.element.constraints.length === 0) return;
      check(preparedFor(visit.element), visit, ctx);
    },
  };
}
