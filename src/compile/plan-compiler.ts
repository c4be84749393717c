/**
 * A per-validator cache of compiled plans, keyed by canonical. Profiles without a snapshot
 * are given one by the optional snapshot generator; those that cannot be compiled are
 * reported once as profile issues.
 */
import type { DefinitionSet } from '../defs/types.js';
import type { Issue } from '../model/issue.js';
import type { PlanCompiler } from '../model/plan.js';
import { compileStructure, profileIssue, type CompiledStructure, type RawStructureDefinition } from './compile-structure.js';

export interface PlanCompilerOptions {
  defs: DefinitionSet;
  /** Fills in the snapshot of a differential-only profile (see src/defs/snapshot.ts). */
  generateSnapshot?: (sd: RawStructureDefinition, defs: DefinitionSet) => RawStructureDefinition;
}

export interface CachingPlanCompiler extends PlanCompiler {
  plan(canonical: string): CompiledStructure | undefined;
  typePlan(typeName: string): CompiledStructure | undefined;
}

export function createPlanCompiler(options: PlanCompilerOptions): CachingPlanCompiler {
  const { defs } = options;
  const byCanonical = new Map<string, CompiledStructure | null>();
  const byType = new Map<string, CompiledStructure | null>();
  const issues: Issue[] = [];

  function compile(sd: RawStructureDefinition | undefined, canonical: string): CompiledStructure | null {
    if (!sd) return null;
    let withSnapshot = sd;
    if (!sd.snapshot?.element?.length) {
      if (!options.generateSnapshot) {
        issues.push(profileIssue(canonical, sd.type ?? '', `StructureDefinition ${canonical} has no snapshot and no snapshot generator is configured`));
        return null;
      }
      try {
        withSnapshot = options.generateSnapshot(sd, defs);
      } catch (error) {
        issues.push(profileIssue(canonical, sd.type ?? '', `Snapshot generation failed for ${canonical}: ${(error as Error).message}`));
        return null;
      }
    }
    const compiled = compileStructure(withSnapshot);
    issues.push(...compiled.profileIssues);
    reportUnresolvableProfiles(compiled, canonical);
    return compiled;
  }

  function reportUnresolvableProfiles(compiled: CompiledStructure, canonical: string): void {
    for (const element of compiled.byId.values()) {
      for (const type of element.types) {
        for (const profile of type.profiles) {
          if (!defs.resolve(profile, 'StructureDefinition')) {
            issues.push({
              ...profileIssue(canonical, element.id, `The profile ${profile} named by ${element.id} (type ${type.code}) cannot be found`),
              severity: 'warning',
              code: 'not-found',
              ruleId: 'profile-type-unresolved',
            });
          }
        }
      }
    }
  }

  function plan(canonical: string): CompiledStructure | undefined {
    let cached = byCanonical.get(canonical);
    if (cached === undefined) {
      const sd = defs.resolve<RawStructureDefinition>(canonical, 'StructureDefinition');
      // A core type named by its url is the plan typePlan() compiles: one plan per definition, so walks see one root.
      const isCoreType = sd?.type !== undefined && defs.typeDefinition(sd.type) === sd;
      cached = isCoreType ? (typePlan(sd!.type!) ?? null) : compile(sd, canonical);
      byCanonical.set(canonical, cached);
    }
    return cached ?? undefined;
  }

  function typePlan(typeName: string): CompiledStructure | undefined {
    let cached = byType.get(typeName);
    if (cached === undefined) {
      const sd = defs.typeDefinition<RawStructureDefinition>(typeName);
      cached = compile(sd, sd?.url ?? typeName);
      byType.set(typeName, cached);
    }
    return cached ?? undefined;
  }

  return {
    plan,
    typePlan,
    profileIssues() {
      return [...issues];
    },
  };
}
