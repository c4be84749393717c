/**
 * fhirpath.js evaluates synchronously and a JavaScript RegExp cannot be interrupted, so a
 * pattern with catastrophic backtracking (`(a+)+$` on "aaaa…b") would hang the process no
 * matter what deadline the evaluator keeps. The regex functions are therefore replaced
 * by versions that first refuse patterns with a repeated group that itself repeats
 * (the classic exponential shape) unless each repetition starts with its own delimiter,
 * and very long patterns. Anything refused becomes an evaluation error, never a silent
 * true/false. Static analysis cannot catch every slow pattern (overlapping alternatives
 * such as `(a|a)*` pass); see the report in the evaluator's header.
 */

import type { UserInvocationTable } from 'fhirpath';

const MAX_PATTERN_LENGTH = 2000;

type CharTest = (c: string) => boolean;
type Token =
  | { kind: 'atom'; test: CharTest; literal?: string }
  | { kind: 'quantifier'; repeats: boolean; optional: boolean }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'alternation' };

const ANY: CharTest = () => true;
const CLASS_ESCAPES: Record<string, CharTest> = {
  d: (c) => /\d/.test(c),
  D: (c) => !/\d/.test(c),
  s: (c) => /\s/.test(c),
  S: (c) => !/\s/.test(c),
  w: (c) => /\w/.test(c),
  W: (c) => !/\w/.test(c),
};
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', 0: '\0' };

/** The character an escape `\x` stands for, or a test for a class escape; undefined for zero-width escapes. */
function escapeAtom(x: string): { test: CharTest; literal?: string } | undefined {
  if (x === 'b' || x === 'B') return undefined;
  if (CLASS_ESCAPES[x]) return { test: CLASS_ESCAPES[x] };
  if (/[1-9kpPuxc]/.test(x)) return { test: ANY }; // back-references, properties, code points: assume anything
  const literal = CONTROL_ESCAPES[x] ?? x;
  return { test: (c) => c === literal, literal };
}

/** Parses `[...]` starting at `start` (the '['); returns the test and the index of the closing ']'. */
function characterClass(pattern: string, start: number): { test: CharTest; end: number } {
  let i = start + 1;
  const negated = pattern[i] === '^';
  if (negated) i++;
  const parts: CharTest[] = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let low: string | CharTest = pattern[i];
    if (low === '\\') {
      const escaped = escapeAtom(pattern[i + 1] ?? '');
      low = escaped?.literal ?? escaped?.test ?? ANY;
      i++;
    }
    if (typeof low === 'string' && pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      let high = pattern[i + 2];
      i += 2;
      if (high === '\\') {
        high = CONTROL_ESCAPES[pattern[i + 1]] ?? pattern[i + 1] ?? '';
        i++;
      }
      const from = low;
      parts.push((c) => c >= from && c <= high);
    } else if (typeof low === 'string') {
      const only = low;
      parts.push((c) => c === only);
    } else {
      parts.push(low);
    }
    i++;
  }
  const matches: CharTest = (c) => parts.some((part) => part(c));
  return { test: negated ? (c) => !matches(c) : matches, end: i };
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const atom = escapeAtom(pattern[i + 1] ?? '');
      i++;
      if (atom) tokens.push({ kind: 'atom', ...atom });
    } else if (ch === '[') {
      const cls = characterClass(pattern, i);
      tokens.push({ kind: 'atom', test: cls.test });
      i = cls.end;
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(pattern.slice(i + 1));
      if (prefix) i += prefix[0].length;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
    } else if (ch === '|') {
      tokens.push({ kind: 'alternation' });
    } else if (ch === '*' || ch === '+' || ch === '?') {
      tokens.push({ kind: 'quantifier', repeats: ch !== '?', optional: ch !== '+' });
      if (pattern[i + 1] === '?') i++; // lazy
    } else if (ch === '{' && /^\{\d*,?\d*\}/.test(pattern.slice(i))) {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i))!;
      const min = Number(m[1] || 0);
      const repeats = m[2] === '' ? min > 1 : m[3] === '' || Number(m[3]) > 1;
      tokens.push({ kind: 'quantifier', repeats, optional: min === 0 });
      i += m[0].length - 1;
      if (pattern[i + 1] === '?') i++;
    } else if (ch === '^' || ch === '$') {
      // anchors match no character
    } else if (ch === '.') {
      tokens.push({ kind: 'atom', test: ANY });
    } else {
      tokens.push({ kind: 'atom', test: (c) => c === ch, literal: ch });
    }
  }
  return tokens;
}

/**
 * A repeated group is harmless when each repetition must start with a literal character
 * that nothing else in the group can match (`(\.[a-z]+)*`): the input then fixes where
 * every repetition begins, so there is only one way to split it.
 */
function isDelimited(body: Token[]): boolean {
  const [first, second] = body;
  if (first?.kind !== 'atom' || first.literal === undefined) return false;
  if (second?.kind === 'quantifier') return false;
  const delimiter = first.literal;
  return body.slice(1).every((t) => t.kind !== 'alternation' && (t.kind !== 'atom' || !t.test(delimiter)));
}

/** Why `pattern` is not safe to run, or undefined when it is. */
export function regexComplexityProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  const tokens = tokenize(pattern);
  const opened: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.kind === 'open') opened.push(k);
    if (token.kind !== 'close') continue;
    const open = opened.pop();
    if (open === undefined) continue;
    const next = tokens[k + 1];
    if (next?.kind !== 'quantifier' || !next.repeats) continue;
    const body = tokens.slice(open + 1, k);
    const innerRepeats = body.some((t) => t.kind === 'quantifier' && t.repeats);
    if (innerRepeats && !isDelimited(body)) {
      return 'the pattern repeats a group that itself repeats, which can take exponential time';
    }
  }
  return undefined;
}

/** The JS flags fhirpath.js uses for matches()/matchesFull(): unicode, dotAll, plus FHIRPath's i/m. */
export function jsFlags(flags: string | undefined): string {
  let out = 'u';
  for (const ch of flags ?? '') {
    if (ch !== 'i' && ch !== 'm') throw new Error('matches/matchesFull flags must only contain i and/or m');
    if (!out.includes(ch)) out += ch;
  }
  return `${out}s`;
}

/**
 * Builds the RegExp after the safety check. Patterns written for Java/XML Schema may use
 * identity escapes such as `\\@` that unicode mode rejects; those are retried without it.
 */
function safeRegExp(pattern: string, flags: string, fn: string): RegExp {
  const problem = regexComplexityProblem(pattern);
  if (problem) throw new Error(`${fn}('${pattern}') was not run: ${problem}`);
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    if (!flags.includes('u')) throw error;
    return new RegExp(pattern, flags.replace('u', ''));
  }
}

type StringInput = unknown[];

export function singleString(input: StringInput, fn: string): string | undefined {
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

/**
 * Guarded replacements for fhirpath.js's regex functions, with the same semantics except
 * that an empty input gives `emptyInput` (false in the HL7 Java validator, empty per FHIRPath).
 */
export function guardedRegexFunctions(valData: (item: unknown) => unknown, emptyInput: false | [] = []): UserInvocationTable {
  const strings = (input: unknown[]): unknown[] => input.map((item) => valData(item));
  return {
    matches: {
      fn: (input: unknown[], pattern: string, flags?: string) => {
        const text = singleString(strings(input), 'matches');
        if (text === undefined) return emptyInput;
        if (isEmpty(pattern)) return [];
        return safeRegExp(pattern, jsFlags(flags), 'matches').test(text);
      },
      arity: { 1: ['String'], 2: ['String', 'String'] },
      internalStructures: true,
    },
    matchesFull: {
      fn: (input: unknown[], pattern: string, flags?: string) => {
        const text = singleString(strings(input), 'matchesFull');
        if (text === undefined) return emptyInput;
        if (isEmpty(pattern)) return [];
        return safeRegExp(`^(?:${pattern})$`, jsFlags(flags), 'matchesFull').test(text);
      },
      arity: { 1: ['String'], 2: ['String', 'String'] },
      internalStructures: true,
    },
    replaceMatches: {
      fn: (input: unknown[], pattern: string, replacement: string) => {
        const text = singleString(strings(input), 'replaceMatches');
        if (text === undefined || isEmpty(pattern) || isEmpty(replacement)) return [];
        return text.replace(safeRegExp(pattern, 'gu', 'replaceMatches'), replacement);
      },
      arity: { 2: ['String', 'String'] },
      internalStructures: true,
    },
  };
}
