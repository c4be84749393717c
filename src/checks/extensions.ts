/**
 * Extensions: the definition is found by url (unknown modifier extension → error, unknown
 * extension → warning), it may be used where it appears (its context), and a modifier
 * extension is used as one. Its value and nested extensions are checked by walking it
 * against its definition (the walker does that).
 */
import type { Check, CheckContext, NodeVisit } from './check.js';

interface ExtensionDefinition {
  resourceType: string;
  [key: string]: unknown;
  url?: string;
  context?: Array<{ type?: string; expression?: string }>;
  snapshot?: { element?: Array<{ path?: string; isModifier?: boolean }> };
}

function typeAncestry(type: string, ctx: CheckContext): string[] {
  const out: string[] = [type];
  let current = type;
  for (let depth = 0; depth < 10; depth++) {
    const sd = ctx.services.defs.typeDefinition<{ resourceType: string; baseDefinition?: string; kind?: string }>(current);
    const base = sd?.baseDefinition;
    if (!base) break;
    current = base.slice(base.lastIndexOf('/') + 1);
    out.push(current);
  }
  return out;
}

/** Whether one `context` entry admits an extension on the current parent. */
function contextAllows(context: { type?: string; expression?: string }, visit: NodeVisit, ctx: CheckContext): boolean {
  const expression = context.expression ?? '';
  if (context.type === 'fhirpath') return true; // FHIRPath contexts are not evaluated here
  if (context.type === 'extension') return visit.parentType === 'Extension';
  if (expression === 'Element' || expression === 'Base' || expression === '*') return true;
  const path = expression.includes('#') ? expression.slice(expression.indexOf('#') + 1) : expression;
  if (path === visit.parentPath || path === visit.parentType) return true;
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  // A context naming a type these definitions do not have (an R5 interface such as CanonicalResource) cannot be judged.
  if (!ctx.services.defs.typeDefinition(head)) return true;
  if (dot < 0) return typeAncestry(visit.parentType, ctx).includes(path);
  // `Address.line` where the parent is `Patient.address.line`; `DomainResource.text` where it is `Patient.text`.
  const rest = path.slice(dot);
  if (!visit.parentPath.endsWith(rest)) return false;
  const owner = visit.parentPath.slice(0, visit.parentPath.length - rest.length);
  return !owner.includes('.') ? typeAncestry(owner, ctx).includes(head) : true;
}

export function createExtensionsCheck(): Check {
  return {
    name: 'extensions',
    appliesTo: (_element, role, typeCode) => role === 'element' && typeCode === 'Extension',
    checkNode(visit, ctx) {
      if (visit.role !== 'element' || visit.typeCode !== 'Extension') return;
      const value = visit.value as { url?: unknown } | null | undefined;
      const url = value && typeof value === 'object' ? value.url : undefined;
      if (typeof url !== 'string') return; // Extension.url 1..1 is reported by cardinality
      const isModifierPosition = visit.key === 'modifierExtension';
      const definition = ctx.services.defs.resolve<ExtensionDefinition>(url, 'StructureDefinition');
      if (!definition) {
        // Nested extensions of a known extension use relative urls defined by its slices.
        if (!url.includes(':') && visit.parentType === 'Extension') return;
        if (isModifierPosition) {
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-unknown-modifier', message: `The modifier extension ${url} is unknown, so this resource cannot be safely processed` });
        } else {
          ctx.report({ severity: 'warning', code: 'structure', ruleId: 'extension-unknown', message: `Unknown extension ${url}` });
        }
        return;
      }
      const contexts = definition.context ?? [];
      if (contexts.length > 0 && !contexts.some((c) => contextAllows(c, visit, ctx))) {
        const allowed = contexts.map((c) => c.expression).join(', ');
        // Core extensions are used more widely than their declared contexts in HL7's own content; the Java validator tolerates that.
        const severity = url.startsWith('http://hl7.org/fhir/StructureDefinition/') ? 'warning' : 'error';
        ctx.report({ severity, code: 'structure', ruleId: 'extension-context', message: `The extension ${url} is not allowed to be used at this point (${visit.parentPath}; allowed: ${allowed})` });
      }
      const rootModifier = definition.snapshot?.element?.find((e) => e.path === 'Extension')?.isModifier === true;
      if (rootModifier && !isModifierPosition) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-modifier-misplaced', message: `The extension ${url} is a modifier extension and must be given in modifierExtension` });
      } else if (!rootModifier && isModifierPosition) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-not-modifier', message: `The extension ${url} is not a modifier extension, so it must not be given in modifierExtension` });
      }
    },
  };
}
