/**
 * The size limits checked on a value once it is read (or as given by the caller): nesting
 * depth, string length, Bundle entries and — for objects built in memory, which may share or
 * cycle — the number of values. One iterative pass (deep input cannot overflow the stack);
 * stops at the first limit crossed.
 */
import type { Issue } from '../model/issue.js';
import { formatCount, type ValidationLimits } from '../model/limits.js';

export type SizeLimits = Pick<ValidationLimits, 'maxBytes' | 'maxDepth' | 'maxEntries' | 'maxStringLength'>;

export interface LimitViolation {
  ruleId: 'limit-bytes' | 'limit-depth' | 'limit-entries' | 'limit-string-length' | 'limit-values';
  message: string;
}

/** A limit crossed, as a fatal issue (code structure: the input is refused as a whole). */
export function limitIssue(violation: LimitViolation): Issue {
  return { severity: 'fatal', code: 'structure', ruleId: violation.ruleId, message: violation.message };
}

/** Text or bytes larger than maxBytes, refused before anything reads them. */
export function checkInputSize(length: number, limits: Pick<ValidationLimits, 'maxBytes'>, unit = 'bytes'): LimitViolation | undefined {
  if (length <= limits.maxBytes) return undefined;
  return { ruleId: 'limit-bytes', message: `The input is ${formatCount(length)} ${unit}, more than the limit of ${formatCount(limits.maxBytes)} (limits.maxBytes); it was not read` };
}

export function checkValueLimits(value: unknown, limits: SizeLimits): LimitViolation | undefined {
  // A value of JSON text takes at least two bytes; more values than that could not have come from maxBytes of text.
  const maxValues = limits.maxBytes / 2;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let visited = 0;
  let entries = 0;
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop()!;
    if (++visited > maxValues) return { ruleId: 'limit-values', message: `The input holds more than ${formatCount(maxValues)} values (limits.maxBytes / 2); it was not validated` };
    if (typeof item === 'string') {
      if (item.length > limits.maxStringLength) {
        return { ruleId: 'limit-string-length', message: `A string value is ${formatCount(item.length)} characters long, more than the limit of ${formatCount(limits.maxStringLength)} (limits.maxStringLength); the input was not validated` };
      }
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limits.maxDepth) {
      return { ruleId: 'limit-depth', message: `The input is nested more than ${formatCount(limits.maxDepth)} levels deep (limits.maxDepth); it was not validated` };
    }
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        values.push(item[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    const record = item as Record<string, unknown>;
    // for-in, as the walker reads objects: Object.keys would make an array per object.
    for (const key in record) {
      if (key.length > limits.maxStringLength) {
        return { ruleId: 'limit-string-length', message: `A property name is ${formatCount(key.length)} characters long, more than the limit of ${formatCount(limits.maxStringLength)} (limits.maxStringLength); the input was not validated` };
      }
      const child = record[key];
      if (key === 'entry' && Array.isArray(child)) {
        entries += child.length;
        if (entries > limits.maxEntries) return { ruleId: 'limit-entries', message: `The input has more than ${formatCount(limits.maxEntries)} Bundle entries (limits.maxEntries); it was not validated` };
      }
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
}
