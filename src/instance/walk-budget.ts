/**
 * The time and issue budget of one validation, shared by the walker and the nested walkers
 * it starts (conformsTo, slice matching). Reading the clock on every node would cost more
 * than some checks, so the deadline is looked at every CLOCK_EVERY nodes; a node's own work
 * is already bounded (FHIRPath has its own deadline, regexes are guarded).
 */
import type { Issue } from '../model/issue.js';
import { formatCount } from '../model/limits.js';

const CLOCK_EVERY = 128;

export interface WalkBudget {
  readonly deadline: number;
  readonly maxMillis: number;
  readonly maxIssues: number;
  nodes: number;
}

/** Thrown through the walk when the budget is spent; the validator turns it into an issue. */
export class BudgetExceeded extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
    this.name = 'BudgetExceeded';
  }
}

export function createWalkBudget(limits: { maxMillis: number; maxIssues: number }, start = Date.now()): WalkBudget {
  return { deadline: start + limits.maxMillis, maxMillis: limits.maxMillis, maxIssues: limits.maxIssues, nodes: 0 };
}

/** Counts a node; every CLOCK_EVERY nodes, throws BudgetExceeded once the deadline has passed. */
export function spendNode(budget: WalkBudget): void {
  if ((++budget.nodes & (CLOCK_EVERY - 1)) === 0 && Date.now() > budget.deadline) {
    throw new BudgetExceeded({
      severity: 'fatal',
      code: 'too-costly',
      ruleId: 'limit-time',
      message: `Validation stopped after ${formatCount(budget.maxMillis)} ms (limits.maxMillis), ${formatCount(budget.nodes)} elements in; the issues found until then are reported`,
    });
  }
}

/** Throws BudgetExceeded when `count` issues have been collected. */
export function checkIssueCount(budget: WalkBudget, count: number): void {
  if (count >= budget.maxIssues) {
    throw new BudgetExceeded({
      severity: 'fatal',
      code: 'too-costly',
      ruleId: 'limit-issues',
      message: `Validation stopped after ${formatCount(budget.maxIssues)} issues (limits.maxIssues); the input is wrong in too many places to report them all`,
    });
  }
}
