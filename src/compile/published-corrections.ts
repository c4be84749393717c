/**
 * Published invariants and type regexes that the HL7 Java validator does not evaluate as they
 * stand, but in a corrected form (its FHIRPathExpressionFixer): taken literally they report
 * defects the reference validator does not. A prediction without a probability fails ras-2 (the
 * `is` test on nothing is empty, read as failure), a contained resource's `#` reference to its
 * container fails ref-1, two enableWhen without enableBehavior pass que-12 (it counts from
 * three), and under JavaScript's Unicode `\s` a string holding a no-break space fails the R4
 * string regex. Only the exact published text is corrected: a profile that states its own
 * expression is evaluated as it states it. The other type regexes keep their text, with `\s`
 * read as Java reads it.
 */

export interface ExpressionCorrection {
  /** The constraint key, when the correction is for that constraint only; otherwise any key with this text. */
  key?: string;
  /** The expression as R4 publishes it. */
  published: string;
  /** The expression the Java validator evaluates instead. */
  evaluated: string;
  why: string;
}

export interface RegexCorrection {
  published: string;
  evaluated: string;
  why: string;
}

const REF_1 = "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))";

export const EXPRESSION_CORRECTIONS: readonly ExpressionCorrection[] = [
  {
    key: 'ref-1',
    published: REF_1,
    evaluated: `reference.exists() implies (reference = '#' or (${REF_1}))`,
    why: "a reference of '#' alone names the containing resource (dom-3 allows it), and a Reference without a reference has nothing to resolve",
  },
  {
    key: 'ras-2',
    published: 'probability is decimal implies (probability as decimal) <= 100',
    evaluated: '(probability.exists() and (probability is decimal)) implies ((probability as decimal) <= 100)',
    why: 'without a probability the is-test is empty and the published form fails; the rule is only about a decimal probability',
  },
  {
    key: 'que-12',
    published: 'enableWhen.count() > 2 implies enableBehavior.exists()',
    evaluated: 'enableWhen.count() >= 2 implies enableBehavior.exists()',
    why: 'the rule is "if there are more than one enableWhen"; R4 counts from three',
  },
  {
    key: 'eld-19',
    published: "path.matches('[^\\\\s\\\\.,:;\\\\\\'\"\\\\/|?!@#$%&*()\\\\[\\\\]{}]{1,64}(\\\\.[^\\\\s\\\\.,:;\\\\\\'\"\\\\/|?!@#$%&*()\\\\[\\\\]{}]{1,64}(\\\\[x\\\\])?(\\\\:[^\\\\s\\\\.]+)?)*')",
    evaluated: "path.matches('^[^\\\\s\\\\.,:;\\\\\\'\"\\\\/|?!@#$%&*()\\\\[\\\\]{}]{1,64}(\\\\.[^\\\\s\\\\.,:;\\\\\\'\"\\\\/|?!@#$%&*()\\\\[\\\\]{}]{1,64}(\\\\[x\\\\])?(\\\\:[^\\\\s\\\\.]+)?)*$')",
    why: 'matches() finds the pattern anywhere; the rule is about the whole path',
  },
  {
    key: 'eld-20',
    published: "path.matches('[A-Za-z][A-Za-z0-9]*(\\\\.[a-z][A-Za-z0-9]*(\\\\[x])?)*')",
    evaluated: "path.matches('^[A-Za-z][A-Za-z0-9]*(\\\\.[a-z][A-Za-z0-9]*(\\\\[x])?)*$')",
    why: 'matches() finds the pattern anywhere; the rule is about the whole path',
  },
  {
    published: "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')",
    evaluated: "name.exists() implies name.matches('^[A-Z]([A-Za-z0-9_]){0,254}$')",
    why: 'matches() finds the pattern anywhere; the rule is about the whole name (the *-0 warnings of the canonical resources)',
  },
];

export const REGEX_CORRECTIONS: readonly RegexCorrection[] = [
  {
    published: '[ \\r\\n\\t\\S]+',
    evaluated: '[\\s\\S]+',
    why: "meant as any characters; JavaScript's \\s also takes no-break and other Unicode spaces, which this form would refuse (control characters are refused on their own)",
  },
];

const byExpression = new Map(EXPRESSION_CORRECTIONS.map((c) => [c.published, c]));
const byRegex = new Map(REGEX_CORRECTIONS.map((c) => [c.published, c.evaluated]));

/** The expression to evaluate for a constraint: its correction, or the expression itself. */
export function evaluatedExpression(key: string, expression: string): string {
  const correction = byExpression.get(expression);
  return correction && (correction.key === undefined || correction.key === key) ? correction.evaluated : expression;
}

/**
 * The regex to test a primitive type's values with: its correction, or the regex itself with
 * `\s` and `\S` read as Java reads them (ASCII whitespace only; JavaScript's also take no-break
 * and other Unicode spaces, so a code or uri with one would fail here and pass the Java validator).
 */
export function evaluatedRegex(regex: string): string {
  return byRegex.get(regex) ?? withJavaWhitespace(regex);
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';

/** `\s` → `[ \t\n\x0B\f\r]`, `\S` → its complement; unchanged when `\S` stands inside a class (no such form). */
export function withJavaWhitespace(regex: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\' && i + 1 < regex.length) {
      const next = regex[i + 1];
      i++;
      if (next === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (next === 'S') {
        if (inClass) return regex;
        out += `[^${JAVA_SPACE}]`;
      } else out += c + next;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}
