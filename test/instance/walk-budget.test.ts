import { describe, expect, it } from 'vitest';
import { BudgetExceeded, checkIssueCount, createWalkBudget, spendNode } from '../../src/instance/walk-budget.js';

describe('walk budget', () => {
  it('reads the clock only every 128 nodes and stops once the deadline has passed', () => {
    const budget = createWalkBudget({ maxMillis: 5, maxIssues: 10 }, Date.now() - 1000);
    for (let i = 0; i < 127; i++) spendNode(budget);
    let thrown: unknown;
    try {
      spendNode(budget);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BudgetExceeded);
    expect((thrown as BudgetExceeded).issue).toMatchObject({ severity: 'fatal', code: 'too-costly', ruleId: 'limit-time', message: 'Validation stopped after 5 ms (limits.maxMillis), 128 elements in; the issues found until then are reported' });
  });

  it('does not stop before the deadline', () => {
    const budget = createWalkBudget({ maxMillis: 60_000, maxIssues: 10 });
    for (let i = 0; i < 10_000; i++) spendNode(budget);
    expect(budget.nodes).toBe(10_000);
  });

  it('stops at maxIssues', () => {
    const budget = createWalkBudget({ maxMillis: 60_000, maxIssues: 3 });
    expect(() => checkIssueCount(budget, 2)).not.toThrow();
    expect(() => checkIssueCount(budget, 3)).toThrow('Validation stopped after 3 issues (limits.maxIssues)');
  });
});
