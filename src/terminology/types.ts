/**
 * Public shapes of the local terminology service. Everything here is answered from the
 * conformance resources of a DefinitionSet (plus a few systems checkable by syntax);
 * nothing goes to a terminology server.
 */

export interface CodeToCheck {
  system?: string;
  version?: string;
  code: string;
  display?: string;
}

export type CodeCheck =
  | {
      result: 'valid';
      /** The display the code system gives the code (when known). */
      display?: string;
      /** Set when `display` was supplied and matches neither the display nor any designation: warning-worthy, not an error. */
      displayMismatch?: { supplied: string; expected: string[] };
      /** The concept is inactive / retired / deprecated in its code system (still a member of the value set). */
      inactive?: boolean;
      /** The concept is marked deprecated (still usable, but discouraged). */
      deprecated?: boolean;
      /** The code matched only when compared case-insensitively, in a case-insensitive code system. */
      caseDiffers?: boolean;
    }
  /** Code not in the value set, or not in a complete code system. */
  | { result: 'invalid'; message: string }
  /** The system is not held locally (SNOMED CT, LOINC, dm+d, ...) or the value set cannot be expanded fully here. */
  | { result: 'not-checked'; message: string }
  | { result: 'unknown-valueset'; message: string };

export interface ExpansionEntry {
  system: string;
  version?: string;
  code: string;
  display?: string;
  inactive?: boolean;
}

export interface Expansion {
  contains: ExpansionEntry[];
  /** False when part of the value set could not be enumerated locally (see `notChecked`). */
  complete: boolean;
  /** One line per part that could not be expanded: which system or value set, and why. */
  notChecked: string[];
}

export interface Terminology {
  /** Is `code` a member of the value set `valueSetCanonical` (`url` or `url|version`)? */
  validateCode(code: CodeToCheck, valueSetCanonical: string): CodeCheck;
  /** Is `code` a valid code of the CodeSystem `code.system` (when held locally, and complete)? */
  validateCodeInSystem(code: CodeToCheck): CodeCheck;
  /** The local expansion of a value set (cached per Terminology instance); undefined when the value set is unknown. */
  expand(valueSetCanonical: string): Expansion | undefined;
}
