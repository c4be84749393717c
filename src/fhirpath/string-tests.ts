/**
 * startsWith(), endsWith() and contains() (the string function, not the operator) with the
 * HL7 Java validator's reading of an empty input: false rather than empty. R4 invariants
 * rely on it: ref-1 (`reference.startsWith('#').not() or ...`) holds for a Reference that
 * has only an identifier only because `startsWith` on nothing is false there.
 */
import type { UserInvocationTable } from 'fhirpath';
import { singleString } from './regex-guard.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function stringTest(name: string, test: (text: string, argument: string) => boolean) {
  return {
    fn: (input: unknown[], argument: unknown) => {
      const text = singleString(input, name);
      if (text === undefined) return false;
      if (isEmpty(argument) || typeof argument !== 'string') return [];
      return test(text, argument);
    },
    arity: { 1: ['String' as const] },
  };
}

export function javaCompatibleStringTests(): UserInvocationTable {
  return {
    startsWith: stringTest('startsWith', (text, prefix) => text.startsWith(prefix)),
    endsWith: stringTest('endsWith', (text, suffix) => text.endsWith(suffix)),
    contains: stringTest('contains', (text, part) => text.includes(part)),
  };
}
