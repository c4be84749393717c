/**
 * Expands ValueSet resources into CodeSets from the CodeSystems of a DefinitionSet:
 * compose.include/exclude (concept lists, whole systems, filters, valueSet imports,
 * versions), or a stored expansion when there is no compose. Owned by one Terminology
 * instance, which holds its caches.
 */
import type { ConformanceResource, DefinitionSet } from '../defs/types.js';
import { CodeSet } from './code-set.js';
import { CodeSystemIndex, type RawCodeSystem } from './code-system-index.js';
import type { SyntaxCheckedSystem } from './special-systems.js';
import type { ExpansionEntry } from './types.js';

interface ComposeConcept {
  code?: string;
  display?: string;
}
interface ComposeFilter {
  property?: string;
  op?: string;
  value?: string;
}
interface ComposeInclude {
  system?: string;
  version?: string;
  concept?: ComposeConcept[];
  filter?: ComposeFilter[];
  valueSet?: string[];
}
interface ExpansionContains {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  abstract?: boolean;
  inactive?: boolean;
  contains?: ExpansionContains[];
}
export interface RawValueSet extends ConformanceResource {
  compose?: { include?: ComposeInclude[]; exclude?: ComposeInclude[]; inactive?: boolean };
  expansion?: { total?: number; offset?: number; contains?: ExpansionContains[] };
}

/** Content values under which a CodeSystem resource lists no codes of its own. */
const CONTENT_WITHOUT_CODES = new Set(['not-present', 'supplement']);

export class ValueSetExpander {
  private readonly codeSystems = new Map<string, CodeSystemIndex | null>();
  private readonly expansions = new Map<string, CodeSet | null>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly defs: DefinitionSet,
    private readonly syntaxSystems: ReadonlyMap<string, SyntaxCheckedSystem>,
  ) {}

  /** The locally held CodeSystem for `system` (and version, when given and held); null when not held or it lists no codes. */
  codeSystem(system: string, version?: string): CodeSystemIndex | null {
    const key = version ? `${system}|${version}` : system;
    const cached = this.codeSystems.get(key);
    if (cached !== undefined) return cached;
    const resource =
      (version ? this.defs.resolve<RawCodeSystem & ConformanceResource>(key, 'CodeSystem') : undefined) ??
      this.defs.resolve<RawCodeSystem & ConformanceResource>(system, 'CodeSystem');
    const index = resource && !CONTENT_WITHOUT_CODES.has(resource.content ?? 'complete') ? new CodeSystemIndex(resource) : null;
    this.codeSystems.set(key, index);
    return index;
  }

  /** Why `system` has no local index: not loaded at all, or loaded without its codes. */
  whyNotHeld(system: string): string {
    const resource = this.defs.resolve<RawCodeSystem & ConformanceResource>(system, 'CodeSystem');
    return resource
      ? `code system ${system} is loaded without its codes (content: ${resource.content}), so its codes are not checked locally`
      : `code system ${system} is not held locally`;
  }

  /** The CodeSet of a value set, or null when the value set is not in the definitions. */
  expand(canonical: string): CodeSet | null {
    const cached = this.expansions.get(canonical);
    if (cached !== undefined) return cached;
    const valueSet = this.defs.resolve<RawValueSet>(canonical, 'ValueSet');
    if (!valueSet) {
      this.expansions.set(canonical, null);
      return null;
    }
    if (this.inProgress.has(canonical)) {
      const cyclic = new CodeSet();
      cyclic.openReason = `value set ${canonical} imports itself`;
      return cyclic;
    }
    this.inProgress.add(canonical);
    try {
      const codes = this.expandResource(valueSet);
      this.expansions.set(canonical, codes);
      return codes;
    } finally {
      this.inProgress.delete(canonical);
    }
  }

  private expandResource(valueSet: RawValueSet): CodeSet {
    const name = valueSet.url ?? valueSet.id ?? 'value set';
    if (valueSet.compose) {
      const result = new CodeSet();
      for (const include of valueSet.compose.include ?? []) result.addAll(this.includePart(include));
      for (const exclude of valueSet.compose.exclude ?? []) result.subtract(this.includePart(exclude));
      if (valueSet.compose.inactive === false) result.removeInactive();
      return result;
    }
    const result = new CodeSet();
    if (valueSet.expansion?.contains) {
      const visit = (items: ExpansionContains[]): void => {
        for (const item of items) {
          if (item.system && item.code && !item.abstract) {
            result.add({ system: item.system, version: item.version, code: item.code, display: item.display, inactive: item.inactive || undefined });
          }
          visit(item.contains ?? []);
        }
      };
      visit(valueSet.expansion.contains);
      const listed = [...result.entries.values()].reduce((n, codes) => n + codes.size, 0);
      if ((valueSet.expansion.offset ?? 0) > 0 || (valueSet.expansion.total ?? 0) > listed) {
        result.openReason = `the stored expansion of ${name} is paged or truncated`;
      }
      return result;
    }
    result.openReason = `${name} has neither a compose nor an expansion`;
    return result;
  }

  /** One compose.include (or exclude): the system part intersected with every imported value set. */
  private includePart(include: ComposeInclude): CodeSet {
    const operands: CodeSet[] = [];
    if (include.system) operands.push(this.systemPart(include));
    for (const imported of include.valueSet ?? []) {
      const codes = this.expand(imported);
      if (codes) operands.push(codes);
      else {
        const unknown = new CodeSet();
        unknown.openReason = `imported value set ${imported} is not in the loaded definitions`;
        operands.push(unknown);
      }
    }
    if (operands.length === 0) return new CodeSet();
    return operands.slice(1).reduce((acc, next) => acc.intersect(next), operands[0]);
  }

  private systemPart(include: ComposeInclude): CodeSet {
    // Some R4 value sets carry the version in the system (`url|version`).
    const [system, embeddedVersion] = include.system!.split('|');
    const version = include.version ?? embeddedVersion;
    const result = new CodeSet();
    const syntax = this.syntaxSystems.get(system);
    const codeSystem = syntax ? null : this.codeSystem(system, version);

    if (include.concept?.length) {
      for (const listed of include.concept) {
        if (!listed.code) continue;
        const known = codeSystem?.lookup(listed.code);
        if (known) {
          result.add(this.entry(system, version, known.code, known.display ?? listed.display, known.inactive));
        } else if (!codeSystem?.isComplete) {
          // Membership is certain even where the code's existence cannot be checked here.
          result.add(this.entry(system, version, listed.code, listed.display, false));
        }
        // A code missing from a complete code system is an error in the value set, so it is not a member.
      }
      return result;
    }

    if (syntax) {
      if (include.filter?.length) result.markOpen(system, `filters on ${syntax.name} codes are not evaluated locally`);
      else result.wholeSystems.add(system);
      return result;
    }
    if (!codeSystem) {
      result.markOpen(system, this.whyNotHeld(system));
      return result;
    }

    let selected: Set<string> | undefined;
    for (const filter of include.filter ?? []) {
      const outcome = codeSystem.filter(filter.property ?? '', filter.op ?? '', filter.value ?? '');
      if ('unsupported' in outcome) {
        result.markOpen(system, outcome.unsupported);
        return result;
      }
      selected = selected ? new Set([...selected].filter((code) => outcome.codes.has(code))) : outcome.codes;
    }
    const codes = selected ?? new Set(codeSystem.concepts.keys());
    for (const code of codes) {
      const concept = codeSystem.concepts.get(code)!;
      result.add(this.entry(system, version ?? codeSystem.version, code, concept.display, concept.inactive));
    }
    if (!codeSystem.isComplete) result.markOpen(system, `code system ${system} is only a ${codeSystem.content} here`);
    return result;
  }

  private entry(system: string, version: string | undefined, code: string, display: string | undefined, inactive: boolean): ExpansionEntry {
    const entry: ExpansionEntry = { system, code };
    if (version !== undefined) entry.version = version;
    if (display !== undefined) entry.display = display;
    if (inactive) entry.inactive = true;
    return entry;
  }
}
