/**
 * Extensions: the definition is found by url (unknown modifier extension → error, unknown
 * extension → warning), it may be used where it appears (its context, and its context
 * invariants hold on the element holding it), and a modifier
 * extension is used as one. Its value and nested extensions are checked by walking it
 * against its definition (the walker does that).
 */
import { isPrimitiveType } from '../compile/type-codes.js';
import { withoutVersion } from '../instance/canonical.js';
import type { Check, CheckContext, NodeVisit } from './check.js';

interface ExtensionDefinition {
  resourceType: string;
  [key: string]: unknown;
  url?: string;
  context?: Array<{ type?: string; expression?: string }>;
  contextInvariant?: unknown[];
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

/**
 * The definition's context invariants (FHIRPath that must hold where the extension is used),
 * evaluated on the element holding the extension with %extension the extension itself, as the
 * HL7 Java validator does. Evaluated once per extension node and invariant, though a node walked
 * against several definitions is visited once for each.
 */
function checkContextInvariants(visit: NodeVisit, url: string, invariants: readonly string[], ctx: CheckContext): void {
  const holder = ctx.holderValue();
  const extension = visit.value as object;
  // A primitive's extensions sit in its `_name` companion: its context is the primitive, which is not at hand here.
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder) || isPrimitiveType(visit.parentType)) return;
  for (const invariant of invariants) {
    if (!ctx.seen(extension, `context-invariant:${invariant}`)) checkContextInvariant(visit, holder, url, invariant, ctx);
  }
}

function checkContextInvariant(visit: NodeVisit, holder: object, url: string, invariant: string, ctx: CheckContext): void {
  const fhirPath = ctx.services.fhirPath;
  if (!fhirPath) return;
  const compiled = fhirPath.compile(invariant);
  const unknown = (why: string) =>
    ctx.report({ severity: 'warning', code: 'exception', ruleId: 'extension-context-invariant-error', message: `The context invariant '${invariant}' of the extension ${url} could not be evaluated here, so whether the extension may be used here is unknown: ${why}` });
  if ('error' in compiled) return unknown(compiled.error);
  const frame = ctx.resource;
  // No node memo: the values it shares between expressions on a node would carry one extension's
  // %extension over to the next extension on the same holder.
  const result = fhirPath.evaluateBoolean(compiled, {
    node: holder,
    nodePath: visit.parentPath,
    nodeType: visit.parentType,
    resource: frame.resource,
    rootResource: frame.container?.resource ?? frame.resource,
    bundle: frame.bundle?.bundle,
    variables: { extension: visit.value },
  });
  if (!result.ok) return unknown(result.error);
  // Only a definite false fails: where the native evaluator gives way to fhirpath.js, %extension is
  // read untyped, and a choice named without its type (`%extension.value`) is empty there.
  if (!result.value && !result.empty) {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-context-invariant', message: `The extension ${url} is not allowed to be used at this point (based on context invariant '${invariant}')` });
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** The context invariants of an extension definition, kept by url (the checks belong to one validator, so to one set of definitions). */
function invariantsOf(url: string, definition: ExtensionDefinition, known: Map<string, readonly string[]>): readonly string[] {
  let found = known.get(url);
  if (found === undefined) {
    const invariants = Array.isArray(definition.contextInvariant) ? definition.contextInvariant.filter((i): i is string => typeof i === 'string') : [];
    found = invariants.length > 0 ? invariants : NONE;
    known.set(url, found);
  }
  return found;
}

export function createExtensionsCheck(): Check {
  // Known extension definitions only (an unknown url is never kept: urls read from inputs do not grow it).
  const known = new Map<string, readonly string[]>();
  return {
    name: 'extensions',
    appliesTo: (_element, role, typeCode) => role === 'element' && typeCode === 'Extension',
    checkNode(visit, ctx) {
      if (visit.role !== 'element' || visit.typeCode !== 'Extension') return;
      const value = visit.value as { url?: unknown } | null | undefined;
      const url = value && typeof value === 'object' ? value.url : undefined;
      if (typeof url !== 'string') {
        // Beside Extension.url's 1..1 (cardinality), as the HL7 Java validator says it: without a url nothing else can be checked.
        if (value && typeof value === 'object') ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-url-missing', message: 'Extension.url is required in order to identify, use and validate the extension' });
        return;
      }
      const isModifierPosition = visit.key === 'modifierExtension';
      const canonical = withoutVersion(url);
      if (canonical !== url) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-url-versioned', message: `The extension URL must not contain a version (${url}); it was checked against the definition of ${canonical} loaded here` });
      }
      const definition = ctx.services.defs.resolve<ExtensionDefinition>(canonical, 'StructureDefinition');
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
      const invariants = invariantsOf(url, definition, known);
      if (invariants.length > 0) checkContextInvariants(visit, url, invariants, ctx);
      const rootModifier = definition.snapshot?.element?.find((e) => e.path === 'Extension')?.isModifier === true;
      if (rootModifier && !isModifierPosition) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-modifier-misplaced', message: `The extension ${url} is a modifier extension and must be given in modifierExtension` });
      } else if (!rootModifier && isModifierPosition) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-not-modifier', message: `The extension ${url} is not a modifier extension, so it must not be given in modifierExtension` });
      }
    },
  };
}
