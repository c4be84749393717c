/**
 * fhirpath.js evaluates synchronously and a JavaScript RegExp cannot be interrupted, so a
 * pattern with catastrophic backtracking (`(a+)+$` on "aaaa…b") would hang the process no
 * matter what deadline the evaluator keeps. The regex functions are therefore replaced
 * by versions that first refuse patterns with a repeated group that itself repeats
 * (the classic exponential shape), and very long patterns. Anything refused becomes an
 * evaluation error, never a silent true/false.
 */

import type { UserInvocationTable } from 'fhirpath';

const MAX_PATTERN_LENGTH = 2000;

/** True when the quantifier starting at `pattern[i]` allows more than one repetition. */
function repeatsAt(pattern: string, i: number): boolean {
  const ch = pattern[i];
  if (ch === '*' || ch === '+') return true;
  if (ch !== '{') return false;
  const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
  if (!m) return false;
  if (m[2] === '') return Number(m[1]) > 1;
  return m[3] === '' || Number(m[3]) > 1;
}

/** Why `pattern` is not safe to run, or undefined when it is. */
export function regexComplexityProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  // One frame per open group: does the group contain a repeating quantifier?
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      // An escaped atom followed by a quantifier still repeats inside the current group.
      if (i + 1 < pattern.length && repeatsAt(pattern, i + 1) && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (i + 1 < pattern.length && repeatsAt(pattern, i + 1) && groups.length > 0) groups[groups.length - 1] = true;
      }
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      groups.push(false);
      continue;
    }
    if (ch === ')') {
      const innerRepeats = groups.pop() ?? false;
      const outerRepeats = i + 1 < pattern.length && repeatsAt(pattern, i + 1);
      if (innerRepeats && outerRepeats) {
        return `the pattern repeats a group that itself repeats (near position ${i + 1}), which can take exponential time`;
      }
      if ((innerRepeats || outerRepeats) && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    if (repeatsAt(pattern, i) && groups.length > 0) groups[groups.length - 1] = true;
  }
  return undefined;
}

/** The JS flags fhirpath.js uses for matches()/matchesFull(): unicode, dotAll, plus FHIRPath's i/m. */
function jsFlags(flags: string | undefined): string {
  let out = 'u';
  for (const ch of flags ?? '') {
    if (ch !== 'i' && ch !== 'm') throw new Error('matches/matchesFull flags must only contain i and/or m');
    if (!out.includes(ch)) out += ch;
  }
  return `${out}s`;
}

function checked(pattern: string, fn: string): void {
  const problem = regexComplexityProblem(pattern);
  if (problem) throw new Error(`${fn}('${pattern}') was not run: ${problem}`);
}

type StringInput = unknown[];

function singleString(input: StringInput, fn: string): string | undefined {
  if (input.length === 0) return undefined;
  if (input.length > 1) throw new Error(`${fn}() expects a single string, got ${input.length} items`);
  const value = input[0];
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`${fn}() expects a string, got ${typeof value}`);
  return value;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Guarded replacements for fhirpath.js's regex functions, with the same semantics. */
export function guardedRegexFunctions(valData: (item: unknown) => unknown): UserInvocationTable {
  const strings = (input: unknown[]): unknown[] => input.map((item) => valData(item));
  return {
    matches: {
      fn: (input: unknown[], pattern: string, flags?: string) => {
        const text = singleString(strings(input), 'matches');
        if (text === undefined || isEmpty(pattern)) return [];
        checked(pattern, 'matches');
        return new RegExp(pattern, jsFlags(flags)).test(text);
      },
      arity: { 1: ['String'], 2: ['String', 'String'] },
      internalStructures: true,
    },
    matchesFull: {
      fn: (input: unknown[], pattern: string, flags?: string) => {
        const text = singleString(strings(input), 'matchesFull');
        if (text === undefined || isEmpty(pattern)) return [];
        checked(pattern, 'matchesFull');
        return new RegExp(`^(?:${pattern})$`, jsFlags(flags)).test(text);
      },
      arity: { 1: ['String'], 2: ['String', 'String'] },
      internalStructures: true,
    },
    replaceMatches: {
      fn: (input: unknown[], pattern: string, replacement: string) => {
        const text = singleString(strings(input), 'replaceMatches');
        if (text === undefined || isEmpty(pattern) || isEmpty(replacement)) return [];
        checked(pattern, 'replaceMatches');
        return text.replace(new RegExp(pattern, 'gu'), replacement);
      },
      arity: { 2: ['String', 'String'] },
      internalStructures: true,
    },
  };
}
