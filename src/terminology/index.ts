/**
 * Local terminology: value set membership and code system lookups answered from the
 * conformance resources of a DefinitionSet, with no terminology server.
 *
 *   const terminology = createTerminology(defs);
 *   terminology.validateCode({ system, code, display }, 'http://hl7.org/fhir/ValueSet/administrative-gender');
 *   terminology.validateCodeInSystem({ system, code });
 *   terminology.expand(valueSetCanonical);
 *
 * Results: 'valid' (with `displayMismatch`, `inactive`, `deprecated` flags to report as
 * warnings), 'invalid' (only when the local definitions prove it: a code outside a fully
 * expanded value set, or absent from a complete code system), 'not-checked' (SNOMED CT,
 * LOINC, dm+d and any other system not held locally, example/fragment code systems,
 * unsupported filters) and 'unknown-valueset'. A code is never called invalid for lack
 * of local knowledge.
 *
 * Each Terminology instance caches its expansions; after the first call for a value set,
 * validateCode is a few Map lookups.
 */
import type { DefinitionSet } from '../defs/types.js';
import type { CodeSet } from './code-set.js';
import { normaliseDisplay, type CodeSystemIndex, type IndexedConcept } from './code-system-index.js';
import { ValueSetExpander } from './expander.js';
import { createSyntaxCheckedSystems, type SyntaxCheckedSystem } from './special-systems.js';
import type { CodeCheck, CodeToCheck, Expansion, ExpansionEntry, Terminology } from './types.js';

export type { CodeCheck, CodeToCheck, Expansion, ExpansionEntry, Terminology } from './types.js';

/** A value set's CodeSet plus the lookups validateCode needs, built once per value set. */
interface ValueSetMembership {
  canonical: string;
  codes: CodeSet;
  /** code → entries in any system, for codes given without a system (`code` elements). */
  byCode: Map<string, ExpansionEntry[]>;
  /** system → lower-cased code → entry, for systems that are not case-sensitive. */
  folded: Map<string, Map<string, ExpansionEntry>>;
  expansion?: Expansion;
}

type ValidResult = Extract<CodeCheck, { result: 'valid' }>;

export function createTerminology(defs: DefinitionSet): Terminology {
  const syntaxSystems = createSyntaxCheckedSystems();
  const expander = new ValueSetExpander(defs, syntaxSystems);
  const memberships = new Map<string, ValueSetMembership | null>();

  function membershipOf(canonical: string): ValueSetMembership | null {
    const cached = memberships.get(canonical);
    if (cached !== undefined) return cached;
    const codes = expander.expand(canonical);
    const membership = codes ? indexMembership(canonical, codes) : null;
    memberships.set(canonical, membership);
    return membership;
  }

  function indexMembership(canonical: string, codes: CodeSet): ValueSetMembership {
    const byCode = new Map<string, ExpansionEntry[]>();
    const folded = new Map<string, Map<string, ExpansionEntry>>();
    for (const [system, entries] of codes.entries) {
      const caseInsensitive = expander.codeSystem(system)?.caseSensitive === false;
      const foldedCodes = caseInsensitive ? new Map<string, ExpansionEntry>() : undefined;
      if (foldedCodes) folded.set(system, foldedCodes);
      for (const entry of entries.values()) {
        byCode.set(entry.code, [...(byCode.get(entry.code) ?? []), entry]);
        if (foldedCodes && !foldedCodes.has(entry.code.toLowerCase())) foldedCodes.set(entry.code.toLowerCase(), entry);
      }
    }
    return { canonical, codes, byCode, folded };
  }

  function validResult(entry: ExpansionEntry | undefined, concept: IndexedConcept | undefined, supplied: CodeToCheck): ValidResult {
    const result: ValidResult = { result: 'valid' };
    const display = concept?.display ?? entry?.display;
    if (display !== undefined) result.display = display;
    // Only a local code system knows all acceptable displays; a display listed in a value set for
    // a code of a system held elsewhere (SNOMED CT synonyms...) is one of many, so it is not compared.
    const expected = concept ? concept.displays : [];
    if (supplied.display !== undefined && expected.length > 0) {
      const wanted = normaliseDisplay(supplied.display);
      if (!expected.some((d) => normaliseDisplay(d) === wanted)) result.displayMismatch = { supplied: supplied.display, expected };
    }
    if (concept?.inactive || entry?.inactive) result.inactive = true;
    if (concept?.deprecated) result.deprecated = true;
    const matchedCode = concept?.code ?? entry?.code;
    if (matchedCode !== undefined && matchedCode !== supplied.code) result.caseDiffers = true;
    return result;
  }

  function syntaxCheck(system: SyntaxCheckedSystem, code: CodeToCheck): CodeCheck {
    const verdict = system.check(code.code);
    return verdict.result === 'valid' ? { result: 'valid' } : verdict;
  }

  function caseHint(codeSystem: CodeSystemIndex | null, code: string): string {
    const other = codeSystem?.lookupIgnoringCase(code);
    return other && other.code !== code ? ` (the code system is case-sensitive; did you mean '${other.code}'?)` : '';
  }

  function validateWithSystem(membership: ValueSetMembership, code: CodeToCheck, system: string): CodeCheck {
    const codeSystem = syntaxSystems.has(system) ? null : expander.codeSystem(system, code.version);
    const entry =
      membership.codes.entries.get(system)?.get(code.code) ?? membership.folded.get(system)?.get(code.code.toLowerCase());
    if (entry) return validResult(entry, codeSystem?.lookup(entry.code), code);

    const syntax = syntaxSystems.get(system);
    if (syntax && membership.codes.wholeSystems.has(system)) return syntaxCheck(syntax, code);

    const openReason = membership.codes.openSystems.get(system) ?? membership.codes.openReason;
    if (openReason !== undefined) {
      return { result: 'not-checked', message: `Membership of '${system}#${code.code}' in value set ${membership.canonical} was not checked: ${openReason}` };
    }
    let detail = '';
    if (codeSystem?.isComplete && !codeSystem.lookup(code.code)) detail = `; it is not a code of ${system}${caseHint(codeSystem, code.code)}`;
    return { result: 'invalid', message: `The code '${system}#${code.code}' is not in value set ${membership.canonical}${detail}` };
  }

  function validateWithoutSystem(membership: ValueSetMembership, code: CodeToCheck): CodeCheck {
    const exact = membership.byCode.get(code.code);
    if (exact?.length) {
      const entry = exact[0];
      return validResult(entry, expander.codeSystem(entry.system, entry.version)?.lookup(entry.code), code);
    }
    for (const [system, folded] of membership.folded) {
      const entry = folded.get(code.code.toLowerCase());
      if (entry) return validResult(entry, expander.codeSystem(system)?.lookup(entry.code), code);
    }
    const { codes } = membership;
    // `code` elements bound to a system checked by grammar (Attachment.contentType → mime types,
    // Money.currency → ISO 4217) carry no system: the value set's own system is implied.
    const verdicts = [...codes.wholeSystems].map((system) => syntaxSystems.get(system)!.check(code.code));
    if (verdicts.some((v) => v.result === 'valid')) return { result: 'valid' };
    const undecided = verdicts.find((v): v is Extract<typeof v, { result: 'not-checked' }> => v.result === 'not-checked');
    if (undecided) return { result: 'not-checked', message: undecided.message };
    if (codes.openSystems.size === 0 && codes.openReason === undefined && verdicts.length > 0) {
      const reasons = verdicts.map((v) => (v.result === 'invalid' ? v.message : '')).filter(Boolean);
      return { result: 'invalid', message: `The code '${code.code}' is not in value set ${membership.canonical}: ${reasons.join('; ')}` };
    }
    if (!codes.complete) {
      const why = codes.openReason ?? [...codes.openSystems.values()][0] ?? `codes of ${[...codes.wholeSystems].join(', ')} need a system to be checked`;
      return { result: 'not-checked', message: `Membership of code '${code.code}' (no system) in value set ${membership.canonical} was not checked: ${why}` };
    }
    let hint = '';
    for (const system of codes.entries.keys()) {
      const h = caseHint(expander.codeSystem(system), code.code);
      if (h) hint = h;
    }
    return { result: 'invalid', message: `The code '${code.code}' is not in value set ${membership.canonical}${hint}` };
  }

  return {
    validateCode(code, valueSetCanonical) {
      const membership = membershipOf(valueSetCanonical);
      if (!membership) return { result: 'unknown-valueset', message: `Value set ${valueSetCanonical} is not in the loaded definitions` };
      return code.system ? validateWithSystem(membership, code, code.system) : validateWithoutSystem(membership, code);
    },

    validateCodeInSystem(code) {
      if (!code.system) return { result: 'not-checked', message: `Code '${code.code}' has no system, so it cannot be looked up` };
      const syntax = syntaxSystems.get(code.system);
      if (syntax) return syntaxCheck(syntax, code);
      const codeSystem = expander.codeSystem(code.system, code.version);
      if (!codeSystem) return { result: 'not-checked', message: `'${code.code}' was not checked: ${expander.whyNotHeld(code.system)}` };
      const concept = codeSystem.lookup(code.code);
      if (concept) return validResult(undefined, concept, code);
      if (codeSystem.isComplete) {
        return { result: 'invalid', message: `'${code.code}' is not a code of ${code.system}${caseHint(codeSystem, code.code)}` };
      }
      return { result: 'not-checked', message: `'${code.code}' is not among the codes of ${code.system} held here, which is only a ${codeSystem.content}` };
    },

    expand(valueSetCanonical) {
      const membership = membershipOf(valueSetCanonical);
      if (!membership) return undefined;
      if (!membership.expansion) {
        const { codes } = membership;
        membership.expansion = {
          contains: [...codes.entries.values()].flatMap((entries) => [...entries.values()]),
          complete: codes.complete,
          notChecked: [
            ...[...codes.openSystems].map(([system, reason]) => `${system}: ${reason}`),
            ...[...codes.wholeSystems].map((system) => `${system}: included whole; codes are checked by syntax only`),
            ...(codes.openReason === undefined ? [] : [codes.openReason]),
          ],
        };
      }
      return membership.expansion;
    },
  };
}
