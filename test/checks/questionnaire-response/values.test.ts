import { describe, expect, it } from 'vitest';
import { compareTemporal, compareValues, type TypedValue } from '../../../src/checks/questionnaire-response/values.js';

const date = (value: string): TypedValue => ({ key: 'valueDate', type: 'date', value });
const dateTime = (value: string): TypedValue => ({ key: 'valueDateTime', type: 'dateTime', value });

describe('questionnaire-response values: comparing dates of different precision', () => {
  it('compares on the shared precision, by default (enableWhen, equality, the effective period)', () => {
    expect(compareTemporal('date', '2022-06-30', '2022-06')).toBe(0);
    expect(compareTemporal('date', '2022', '2022-06')).toBe(0);
    expect(compareTemporal('date', '2022-07-01', '2022-06')).toBe(1);
    expect(compareValues(date('2022-06-30'), date('2022-06'))).toBe(0);
  });

  it('reads a lower-precision limit as its first day when comparing with a min/maxValue', () => {
    expect(compareValues(date('2022-06-30'), date('2022-06'), true)).toBe(1);
    expect(compareValues(date('2022-06-01'), date('2022-06'), true)).toBe(0);
    expect(compareValues(date('2022'), date('2022-06'), true)).toBe(-1);
    expect(compareValues(dateTime('1998'), dateTime('2020'), true)).toBe(-1);
  });
});
