/**
 * Loop-invariant hoisting for FHIRPath: `entry.where(%resource.entry.resource.ofType(Flag).subject.reference contains fullUrl)`
 * evaluates its `%resource...` part once per entry in fhirpath.js, which makes such Bundle-level
 * invariants quadratic. A part that starts from `%resource` or `%rootResource`
 * and cannot see the iteration it sits in has the same value on every pass, so it is taken
 * out, evaluated once, and given to the rewritten expression as a variable.
 *
 * Only what is certainly invariant is taken: the part is an invocation chain from one of those
 * variables; it names no `$index` or `$total`, and `$this` only inside the arguments of an
 * iterating function of its own; functions called on the chain itself take literals (or a
 * type) only, except the iterating ones, whose arguments see their own items. Expressions with
 * trace() are left alone (their output would change), as is a part not inside an iterating
 * function's arguments (nothing to gain). The caller falls back to the original expression when
 * evaluating a hoisted part fails, so errors stay those of the original.
 */

/** Functions whose arguments are evaluated once per item of their own input. */
const ITERATING = new Set(['where', 'select', 'all', 'exists', 'any', 'repeat', 'repeatAll']);
const INVARIANT_ROOTS = new Set(['resource', 'rootResource']);
/** Name prefix of the variables that carry hoisted values; an expression already using it is left alone. */
export const HOISTED_PREFIX = '__hoisted';

export interface HoistedExpression {
  /** The expression with each hoisted part replaced by %`__hoistedN`. */
  expression: string;
  /** The hoisted parts, in order: `__hoisted0`, `__hoisted1`, ... */
  parts: string[];
}

type Token =
  | { kind: 'ident'; text: string; start: number; end: number }
  | { kind: 'var'; name: string; start: number; end: number }
  | { kind: 'special'; text: string; start: number; end: number } // $this $index $total
  | { kind: 'literal'; start: number; end: number } // strings, numbers, dates, quantities' units
  | { kind: 'punct'; text: string; start: number; end: number };

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

/** Tokens of a FHIRPath expression; undefined when it has something this scanner does not read (then nothing is hoisted). */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return undefined; // comments: rare in constraints, not worth reading
    } else if (c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      if (c === '`') tokens.push({ kind: 'ident', text: text.slice(i, j + 1), start: i, end: j + 1 });
      else tokens.push({ kind: 'literal', start: i, end: j + 1 });
      i = j + 1;
    } else if (c === '%') {
      if (text[i + 1] === '`') {
        let j = i + 2;
        while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
        if (j >= text.length) return undefined;
        tokens.push({ kind: 'var', name: text.slice(i + 2, j), start: i, end: j + 1 });
        i = j + 1;
      } else if (text[i + 1] === "'") {
        return undefined;
      } else {
        let j = i + 1;
        while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
        tokens.push({ kind: 'var', name: text.slice(i + 1, j), start: i, end: j });
        i = j;
      }
    } else if (c === '$') {
      let j = i + 1;
      while (j < text.length && /[A-Za-z]/.test(text[j])) j++;
      tokens.push({ kind: 'special', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c === '@') {
      let j = i + 1;
      while (j < text.length && /[0-9T:.+\-Z]/.test(text[j])) j++;
      tokens.push({ kind: 'literal', start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < text.length && /[0-9]/.test(text[j])) j++;
      if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
        j++;
        while (j < text.length && /[0-9]/.test(text[j])) j++;
      }
      tokens.push({ kind: 'literal', start: i, end: j });
      i = j;
    } else if (isIdentStart(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if ('().,[]{}'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    } else if (/[=!<>~|&+\-*/]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[=<>~]/.test(text[j])) j++;
      tokens.push({ kind: 'punct', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      return undefined;
    }
  }
  return tokens;
}

const isPunct = (t: Token | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;

/** Index of the `)` closing the `(` at `open`, or -1. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** Whether tokens [from, to) may sit in the arguments of a function called on an invariant chain without seeing outside it. */
function literalArguments(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'literal' || (t.kind === 'punct' && t.text === ',')) continue;
    return false;
  }
  return true;
}

/** Whether tokens [from, to) (inside an iterating function's arguments) use nothing but their own items, literals and invariant variables. */
function selfContainedArguments(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'special' && t.text !== '$this') return false;
    if (t.kind === 'var' && !INVARIANT_ROOTS.has(t.name) && !/^(ucum|sct|loinc|`?(vs|ext)-)/.test(t.name)) return false;
  }
  return true;
}

/**
 * End (exclusive token index) of the invariant chain starting at the variable token `start`, or
 * undefined when some step of it could see the iteration around it.
 */
function invariantChainEnd(tokens: Token[], start: number): number | undefined {
  let k = start + 1;
  let steps = 0;
  while (isPunct(tokens[k], '.') || isPunct(tokens[k], '[')) {
    if (isPunct(tokens[k], '[')) {
      const close = closing(tokens, k);
      if (close < 0 || !literalArguments(tokens, k + 1, close)) return undefined;
      k = close + 1;
      steps++;
      continue;
    }
    const name = tokens[k + 1];
    if (name?.kind !== 'ident') return undefined;
    if (isPunct(tokens[k + 2], '(')) {
      const close = closing(tokens, k + 2);
      if (close < 0) return undefined;
      const fn = name.text;
      if (ITERATING.has(fn)) {
        if (!selfContainedArguments(tokens, k + 3, close)) return undefined;
      } else if (fn === 'ofType' || fn === 'as' || fn === 'is') {
        // a type name: one identifier, or Namespace.Type
        for (let m = k + 3; m < close; m++) if (!(tokens[m].kind === 'ident' || isPunct(tokens[m], '.'))) return undefined;
      } else if (fn === 'trace' || fn === 'resolve' || !literalArguments(tokens, k + 3, close)) {
        return undefined;
      }
      k = close + 1;
    } else {
      k += 2;
    }
    steps++;
  }
  return steps > 0 ? k : undefined;
}

/** Ranges of iterating functions' arguments, as token index pairs [open, close]. */
function iteratingArgumentRanges(tokens: Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'ident' && ITERATING.has(t.text) && isPunct(tokens[k + 1], '(') && (k === 0 || isPunct(tokens[k - 1], '.'))) {
      const close = closing(tokens, k + 1);
      if (close > k + 2) ranges.push([k + 1, close]);
    }
  }
  return ranges;
}

/** The expression with its loop-invariant parts taken out; undefined when there is nothing to take. */
export function hoistInvariants(expression: string): HoistedExpression | undefined {
  if (expression.includes(HOISTED_PREFIX) || /\btrace\s*\(/.test(expression)) return undefined;
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  const ranges = iteratingArgumentRanges(tokens);
  if (ranges.length === 0) return undefined;
  const inIteration = (k: number) => ranges.some(([open, close]) => k > open && k < close);

  const parts: string[] = [];
  const byText = new Map<string, number>();
  let out = '';
  let copied = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'var' || !INVARIANT_ROOTS.has(t.name) || !inIteration(k)) continue;
    if (k > 0 && isPunct(tokens[k - 1], '.')) continue;
    const end = invariantChainEnd(tokens, k);
    if (end === undefined) continue;
    const part = expression.slice(t.start, tokens[end - 1].end);
    let index = byText.get(part);
    if (index === undefined) {
      index = parts.length;
      parts.push(part);
      byText.set(part, index);
    }
    out += expression.slice(copied, t.start) + `%\`${HOISTED_PREFIX}${index}\``;
    copied = tokens[end - 1].end;
    k = end - 1;
  }
  if (parts.length === 0) return undefined;
  return { expression: out + expression.slice(copied), parts };
}
