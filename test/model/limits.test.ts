import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatCount, resolveLimits } from '../../src/model/limits.js';

describe('validation limits', () => {
  it('has safe defaults for BaRS messages', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 10_485_760, maxDepth: 200, maxEntries: 1000, maxStringLength: 4_194_304, maxMillis: 10_000, maxIssues: 1000 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('overrides only what is given; Infinity turns a limit off', () => {
    expect(resolveLimits({ maxDepth: 50, maxMillis: Infinity })).toEqual({ ...DEFAULT_LIMITS, maxDepth: 50, maxMillis: Infinity });
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
  });

  it('refuses limits that are not positive numbers', () => {
    for (const bad of [0, -1, Number.NaN, '10' as unknown as number]) expect(() => resolveLimits({ maxBytes: bad })).toThrow(/limits\.maxBytes must be a positive number/);
  });

  it('formats counts for messages', () => {
    expect(formatCount(10_485_760)).toBe('10,485,760');
    expect(formatCount(Infinity)).toBe('Infinity');
  });
});
