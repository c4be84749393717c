/**
 * How one differential ElementDefinition constrains the snapshot element it applies to.
 * Most properties replace the base's; lists that accumulate (constraints, conditions,
 * mappings, aliases, codes) are added to the base's; `base`, `id`, `path` are never taken
 * from the differential. Loosening the base (wider cardinality, other types, a weaker
 * required binding, a different fixed value) is reported, and the differential still wins,
 * so that one bad element does not hide the rest of the profile.
 */
import type { ElementDefinition, ElementDefinitionBinding, ElementDefinitionConstraint, ElementDefinitionType } from 'fhir/r4.js';
import type { Issue } from '../model/issue.js';

export interface MergeContext {
  /** Whether a differential type code may stand where the base allows `baseCode`. */
  isTypeAllowed(diffCode: string, baseCodes: readonly string[]): boolean;
  /** Whether a profile (type or target profile) is one of `allowed` or constrains one of them; false when unknown. */
  profileConformsTo(profile: string, allowed: readonly string[]): boolean | undefined;
  report(issue: Omit<Issue, 'definition'>): void;
  /** The new element is a slice just made from its sliced element: its minimum is not bound by the sliced element's. */
  isNewSlice: boolean;
  /** Canonical URL of the profile being generated: the source of the constraints it adds. */
  profileUrl?: string;
}

const NEVER_COPIED = new Set(['id', 'path', 'sliceName', 'base']);
/** Properties that are lists in FHIR; a profile read from anywhere may hold something else there. */
const LIST_PROPERTIES = new Set(['type', 'constraint', 'condition', 'alias', 'mapping', 'code', 'example', 'representation']);
const VALUE_PREFIXES = ['fixed', 'pattern'];
const BINDING_STRENGTH_ORDER = ['example', 'preferred', 'extensible', 'required'];

export function maxAsNumber(max: string | undefined): number {
  if (max === undefined || max === '*') return Number.POSITIVE_INFINITY;
  const n = Number(max);
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
}

function valueKeys(element: ElementDefinition, prefix: string): string[] {
  return Object.keys(element).filter((k) => k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k[prefix.length]));
}

function unionBy<T>(base: readonly T[] | undefined, added: readonly T[] | undefined, key: (item: T) => string): T[] | undefined {
  if (!added?.length) return base ? [...base] : undefined;
  const out = base ? [...base] : [];
  const seen = new Map(out.map((item, index) => [key(item), index] as const));
  for (const item of added) {
    const existing = seen.get(key(item));
    if (existing === undefined) {
      seen.set(key(item), out.length);
      out.push(item);
    } else {
      out[existing] = item;
    }
  }
  return out;
}

function mergeConstraints(
  base: readonly ElementDefinitionConstraint[] | undefined,
  added: readonly ElementDefinitionConstraint[],
  profileUrl: string | undefined,
): ElementDefinitionConstraint[] | undefined {
  // A constraint says which profile it came from, so a failure can name it.
  const sourced = added.map((c) => (c.source || !profileUrl ? c : { ...c, source: profileUrl }));
  return unionBy(base, sourced, (c) => c.key);
}

function mergeBinding(
  base: ElementDefinitionBinding | undefined,
  diff: ElementDefinitionBinding,
  ctx: MergeContext,
  path: string,
): ElementDefinitionBinding {
  if (base?.strength === 'required' && diff.strength && diff.strength !== 'required') {
    ctx.report({
      severity: 'error',
      code: 'business-rule',
      ruleId: 'snapshot-binding-weakened',
      message: `${path}: the base binding is required; the profile cannot make it ${diff.strength}`,
      location: path,
    });
  }
  if (base && diff.strength && BINDING_STRENGTH_ORDER.indexOf(diff.strength) < 0) {
    ctx.report({
      severity: 'error',
      code: 'value',
      ruleId: 'snapshot-binding-strength',
      message: `${path}: unknown binding strength '${diff.strength}'`,
      location: path,
    });
  }
  const merged: ElementDefinitionBinding = { ...(base ?? {}), ...diff } as ElementDefinitionBinding;
  // A new value set brings its own description; the base's would describe the wrong one.
  if (diff.valueSet && !diff.description && base?.valueSet !== diff.valueSet) delete merged.description;
  return merged;
}

function mergeTypes(
  base: readonly ElementDefinitionType[] | undefined,
  diff: readonly ElementDefinitionType[],
  ctx: MergeContext,
  path: string,
): ElementDefinitionType[] {
  const baseCodes = (base ?? []).map((t) => t.code);
  const out: ElementDefinitionType[] = [];
  for (const type of diff) {
    if (baseCodes.length > 0 && !ctx.isTypeAllowed(type.code, baseCodes)) {
      ctx.report({
        severity: 'error',
        code: 'business-rule',
        ruleId: 'snapshot-type-not-allowed',
        message: `${path}: type '${type.code}' is not allowed by the base, which allows ${baseCodes.join(', ')}`,
        location: path,
      });
    }
    const baseType = base?.find((t) => t.code === type.code);
    if (baseType?.targetProfile?.length && type.targetProfile) {
      for (const target of type.targetProfile) {
        if (ctx.profileConformsTo(target, baseType.targetProfile) === false) {
          ctx.report({
            severity: 'error',
            code: 'business-rule',
            ruleId: 'snapshot-target-not-allowed',
            message: `${path}: target ${target} is not among the base's targets (${baseType.targetProfile.join(', ')}) nor a profile of one`,
            location: path,
          });
        }
      }
    }
    const merged: ElementDefinitionType = { ...type };
    // A type restated without profiles keeps the base's profiles (narrowing, never widening).
    if (!merged.profile && baseType?.profile) merged.profile = baseType.profile;
    if (!merged.targetProfile && baseType?.targetProfile) merged.targetProfile = baseType.targetProfile;
    if (!merged.aggregation && baseType?.aggregation) merged.aggregation = baseType.aggregation;
    if (merged.versioning === undefined && baseType?.versioning !== undefined) merged.versioning = baseType.versioning;
    out.push(merged);
  }
  return out;
}

/** Applies one differential element to its snapshot element, returning a new element. */
export function mergeElement(base: ElementDefinition, diff: ElementDefinition, ctx: MergeContext): ElementDefinition {
  const path = diff.id ?? diff.path ?? base.path;
  const out: Record<string, unknown> = { ...base };
  const record = diff as unknown as Record<string, unknown>;

  for (const prefix of VALUE_PREFIXES) {
    const diffKeys = valueKeys(diff, prefix);
    if (diffKeys.length === 0) continue;
    for (const key of valueKeys(base, prefix)) {
      const same = JSON.stringify((base as unknown as Record<string, unknown>)[key]) === JSON.stringify(record[key]);
      if (prefix === 'fixed' && !same) {
        ctx.report({
          severity: 'error',
          code: 'business-rule',
          ruleId: 'snapshot-fixed-value-changed',
          message: `${path}: the base fixes ${key}; the profile gives a different value`,
          location: path,
        });
      }
      delete out[key];
    }
  }

  for (const [key, value] of Object.entries(record)) {
    if (NEVER_COPIED.has(key) || value === undefined) continue;
    if (LIST_PROPERTIES.has(key) && !Array.isArray(value)) {
      ctx.report({
        severity: 'error',
        code: 'structure',
        ruleId: 'snapshot-invalid-element',
        message: `${path}: ${key} must be a list; the profile's value is left out`,
        location: path,
      });
      continue;
    }
    switch (key) {
      case 'min': {
        const min = value as number;
        if (!ctx.isNewSlice && base.min !== undefined && min < base.min) {
          ctx.report({
            severity: 'error',
            code: 'business-rule',
            ruleId: 'snapshot-min-widened',
            message: `${path}: min ${min} is below the base's min ${base.min}`,
            location: path,
          });
        }
        out.min = min;
        break;
      }
      case 'max': {
        const max = value as string;
        if (maxAsNumber(max) > maxAsNumber(base.max)) {
          ctx.report({
            severity: 'error',
            code: 'business-rule',
            ruleId: 'snapshot-max-widened',
            message: `${path}: max ${max} is above the base's max ${base.max}`,
            location: path,
          });
        }
        out.max = max;
        break;
      }
      case 'type':
        out.type = mergeTypes(base.type, value as ElementDefinitionType[], ctx, path);
        break;
      case 'binding':
        out.binding = mergeBinding(base.binding, value as ElementDefinitionBinding, ctx, path);
        break;
      case 'constraint':
        out.constraint = mergeConstraints(base.constraint, value as ElementDefinitionConstraint[], ctx.profileUrl);
        break;
      case 'condition':
      case 'alias':
        out[key] = unionBy(base[key], value as string[], (s) => s);
        break;
      case 'mapping':
        out.mapping = unionBy(base.mapping, diff.mapping, (m) => `${m.identity}|${m.map}`);
        break;
      case 'code':
        out.code = unionBy(base.code, diff.code, (c) => `${c.system}|${c.code}`);
        break;
      case 'slicing':
        out.slicing = { ...(base.slicing ?? {}), ...diff.slicing };
        break;
      default:
        out[key] = value;
    }
  }
  if (!out.base && base.path) out.base = { path: base.path, min: base.min ?? 0, max: base.max ?? '*' };
  return out as unknown as ElementDefinition;
}
