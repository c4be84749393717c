/**
 * Terminology bindings: required → error, extensible → warning, preferred/example → nothing.
 * Codes the local terminology cannot judge (systems not held here) give an information
 * issue saying so, never an error.
 */
import type { CodeCheck, CodeToCheck, Terminology } from '../terminology/index.js';
import type { BindingPlan } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit } from './check.js';

/** Binding answers kept per validator before the cache starts again (each is a few hundred bytes). */
const MAX_CACHED_ANSWERS = 50_000;

const BOUND_TYPES = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function codingOf(value: unknown): CodeToCheck | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const c = value as Record<string, unknown>;
  const code = str(c.code);
  if (code === undefined) return undefined;
  return { system: str(c.system), version: str(c.version), code, display: str(c.display) };
}

/** The codes a node offers for a binding (several for a CodeableConcept). */
function codesOf(visit: NodeVisit): CodeToCheck[] | undefined {
  const value = visit.value;
  switch (visit.typeCode) {
    case 'code':
    case 'string':
    case 'uri':
      return typeof value === 'string' ? [{ code: value }] : undefined;
    case 'Coding':
    case 'Quantity': {
      const coding = codingOf(value);
      return coding ? [coding] : undefined;
    }
    case 'CodeableConcept': {
      const codings = (value as { coding?: unknown })?.coding;
      if (!Array.isArray(codings)) return [];
      return codings.map(codingOf).filter((c): c is CodeToCheck => c !== undefined);
    }
    default:
      return undefined;
  }
}

function describe(code: CodeToCheck): string {
  return code.system ? `${code.system}#${code.code}` : `'${code.code}'`;
}

export function createBindingsCheck(maxCachedAnswers = MAX_CACHED_ANSWERS): Check {
  // Answers depend only on the validator's definitions, so they are kept, by value set then code,
  // for its lifetime; the codes come from the instances, so past MAX_CACHED_ANSWERS they start again.
  const answers = new Map<string, Map<string, CodeCheck>>();
  let cachedAnswers = 0;
  function validateCode(terminology: Terminology, code: CodeToCheck, valueSet: string): CodeCheck {
    let byCode = answers.get(valueSet);
    if (!byCode) {
      byCode = new Map();
      answers.set(valueSet, byCode);
    }
    const key = code.system === undefined && code.version === undefined && code.display === undefined
      ? code.code
      : `${code.system ?? ''}\u0000${code.version ?? ''}\u0000${code.code}\u0000${code.display ?? ''}`;
    let answer = byCode.get(key);
    if (!answer) {
      answer = terminology.validateCode(code, valueSet);
      if (++cachedAnswers > maxCachedAnswers) {
        answers.clear();
        cachedAnswers = 1;
        byCode = new Map();
        answers.set(valueSet, byCode);
      }
      byCode.set(key, answer);
    }
    return answer;
  }

  function checkBinding(visit: NodeVisit, binding: BindingPlan, ctx: CheckContext): void {
    if (!binding.valueSet) return;
    if (binding.strength !== 'required' && binding.strength !== 'extensible') return;
    const terminology = ctx.services.terminology;
    if (!terminology) return;
    const codes = codesOf(visit);
    if (codes === undefined) return;
    const valueSet = binding.valueSet;
    const severity = binding.strength === 'required' ? 'error' : 'warning';
    if (codes.length === 0) {
      const text = (visit.value as { text?: unknown })?.text;
      if (binding.strength === 'required' && typeof text !== 'string') {
        ctx.report({ severity, code: 'code-invalid', ruleId: 'binding-required', message: `No code provided, and a code is required from the value set ${valueSet}` });
      }
      return;
    }
    const notChecked: string[] = [];
    const invalid: string[] = [];
    for (const code of codes) {
      const check = validateCode(terminology, code, valueSet);
      if (check.result === 'valid') {
        if (check.displayMismatch) {
          ctx.report({ severity: 'warning', code: 'invalid', ruleId: 'display-mismatch', message: `Wrong display '${check.displayMismatch.supplied}' for ${describe(code)}: expected ${check.displayMismatch.expected.map((d) => `'${d}'`).join(' or ')}` });
        }
        return;
      }
      if (check.result === 'unknown-valueset') {
        ctx.report({ severity: 'warning', code: 'not-found', ruleId: 'valueset-unknown', message: `The value set ${valueSet} could not be found, so the code ${describe(code)} was not checked` });
        return;
      }
      if (check.result === 'not-checked') notChecked.push(check.message);
      else invalid.push(describe(code));
    }
    if (notChecked.length > 0) {
      ctx.report({ severity: 'information', code: 'informational', ruleId: 'binding-not-checked', message: `The code could not be checked against ${valueSet} here: ${notChecked[0]}` });
      return;
    }
    const ruleId = binding.strength === 'required' ? 'binding-required' : 'binding-extensible';
    const what = visit.typeCode === 'CodeableConcept' ? `None of the codes provided (${invalid.join(', ')}) are` : `The value provided (${invalid[0]}) is not`;
    const tail = binding.strength === 'required' ? 'and a code is required from this value set' : 'and a code should come from this value set unless it has no suitable code';
    ctx.report({ severity, code: 'code-invalid', ruleId, message: `${what} in the value set ${valueSet}, ${tail}` });
  }

  function checkBindings(visit: NodeVisit, binding: BindingPlan | undefined, ctx: CheckContext): void {
    if (binding) checkBinding(visit, binding, ctx);
    // A definition folded into this walk (see NodeVisit.shadows) binds on its own where its binding differs.
    const shadows = visit.shadows;
    if (!shadows) return;
    for (let i = 0; i < shadows.length; i++) {
      const shadow = shadows[i].binding;
      if (!shadow || sameBinding(shadow, binding)) continue;
      let repeated = false;
      for (let j = 0; j < i && !repeated; j++) repeated = sameBinding(shadow, shadows[j].binding);
      if (!repeated) checkBinding(visit, shadow, ctx);
    }
  }

  return {
    name: 'bindings',
    // Decided once per element and type: bound types only; an element without a binding of its
    // own checks only what the folded definitions bind (most nodes have neither).
    prepareNode(element, role, typeCode) {
      if (role !== 'element' || !BOUND_TYPES.has(typeCode)) return undefined;
      const binding = element.binding;
      if (!binding) return (visit, ctx) => {
        if (visit.shadows) checkBindings(visit, undefined, ctx);
      };
      return (visit, ctx) => checkBindings(visit, binding, ctx);
    },
    checkNode(visit, ctx: CheckContext) {
      if (visit.role !== 'element' || !BOUND_TYPES.has(visit.typeCode)) return;
      checkBindings(visit, visit.element.binding, ctx);
    },
  };
}

function sameBinding(a: BindingPlan, b: BindingPlan | undefined): boolean {
  return b !== undefined && a.valueSet === b.valueSet && a.strength === b.strength;
}
