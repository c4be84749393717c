import { describe, expect, it } from 'vitest';
import { compareTemporal, compareValues } from '../../../src/checks/questionnaire-response/values.js';

describe('questionnaire-response values: comparing dates of different precision', () => {
  it('compares on the shared precision, by default (enableWhen, equality, the effective period)', () => {
    expect(compareTemporal('date', '2022-06-30', '2022-06')).toBe(0);
    expect(compareTemporal('date', '2022', '2022-06')).toBe(0);
    expect(compareTemporal('date', '2022-07-01', '2022-06')).toBe(1);
    expect(compareValues({ type: 'date', value: '2022-06-30' }, { type: 'date', value: '2022-06' })).toBe(0);
  });

  it('reads a lower-precision limit as its first day when comparing with a min/maxValue', () => {
    expect(compareValues({ type: 'date', value: '2022-06-30' }, { type: 'date', value: '2022-06' }, true)).toBe(1);
    expect(compareValues({ type: 'date', value: '2022-06-01' }, { type: 'date', value: '2022-06' }, true)).toBe(0);
    expect(compareValues({ type: 'date', value: '2022' }, { type: 'date', value: '2022-06' }, true)).toBe(-1);
    expect(compareValues({ type: 'dateTime', value: '1998' }, { type: 'dateTime', value: '2020' }, true)).toBe(-1);
  });
});
