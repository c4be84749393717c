import { describe, expect, it } from 'vitest';
import { checkInputSize, checkValueLimits } from '../../src/formats/value-limits.js';

const limits = { maxBytes: 1000, maxDepth: 3, maxEntries: 2, maxStringLength: 5 };

describe('size limits on a value', () => {
  it('accepts a value within every limit', () => {
    expect(checkValueLimits({ a: [{ b: 'short' }], entry: [1, 2] }, limits)).toBeUndefined();
  });

  it('counts nesting of objects and arrays', () => {
    expect(checkValueLimits({ a: [{}] }, limits)).toBeUndefined();
    expect(checkValueLimits({ a: [{ b: [] }] }, limits)?.ruleId).toBe('limit-depth');
  });

  it('long strings and long property names', () => {
    expect(checkValueLimits({ a: '123456' }, limits)).toMatchObject({ ruleId: 'limit-string-length', message: expect.stringContaining('6 characters long') });
    expect(checkValueLimits({ abcdef: 1 }, limits)).toMatchObject({ ruleId: 'limit-string-length', message: expect.stringMatching(/^A property name/) });
  });

  it('Bundle entries of all Bundles together', () => {
    expect(checkValueLimits({ entry: [{ r: { entry: [1, 2] } }] }, { ...limits, maxDepth: 10 })?.ruleId).toBe('limit-entries');
  });

  it('objects that share parts or cycle cannot make it run for ever', () => {
    const shared: unknown[] = [];
    const wide = { a: shared, b: shared };
    for (let i = 0; i < 10; i++) shared.push(wide);
    expect(checkValueLimits(wide, { ...limits, maxDepth: 1000 })?.ruleId).toMatch(/^limit-(values|depth)$/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(checkValueLimits(cycle, limits)?.ruleId).toBe('limit-depth');
  });

  it('input size in bytes or characters', () => {
    expect(checkInputSize(1000, limits)).toBeUndefined();
    expect(checkInputSize(1001, limits, 'characters')?.message).toBe('The input is 1,001 characters, more than the limit of 1,000 (limits.maxBytes); it was not read');
  });
});
