/**
 * Runs every BaRS check module on one message. Issues for rules the registry does not mark
 * `implemented-ts` are dropped, so switching a rule to an FSH invariant never reports it twice;
 * a check that throws becomes one REC_SERVER_ERROR issue instead of escaping.
 */
import type { Issue } from '../../model/issue.js';
import { findRule } from '../rules/registry.js';
import { HTTP_ERROR_CODES_SYSTEM } from '../issues.js';
import { checkAppointment } from './appointment.js';
import { checkApplicationVersion, checkBundleStructure } from './bundle.js';
import { checkCommon } from './common.js';
import type { Check, CheckContext } from './context.js';
import { checkHeaders } from './headers.js';
import { checkJourneyId, checkLastUpdated, checkTimes } from './journey-times.js';
import { checkMessageDefinition, checkUseCaseSupport } from './message-definition.js';
import { checkMessageHeader } from './message-header.js';
import { checkReferences } from './references.js';
import { checkServiceRequest } from './service-request.js';
import { checkWorkflow } from './workflow.js';

/** Checks that read the message (the headers are checked separately, before the body is parsed). */
export const MESSAGE_CHECKS: ReadonlyArray<readonly [string, Check]> = Object.freeze([
  ['bundle', checkBundleStructure],
  ['version', checkApplicationVersion],
  ['message-header', checkMessageHeader],
  ['use-case', checkUseCaseSupport],
  ['message-definition', checkMessageDefinition],
  ['workflow', checkWorkflow],
  ['references', checkReferences],
  ['service-request', checkServiceRequest],
  ['appointment', checkAppointment],
  ['journey-id', checkJourneyId],
  ['times', checkTimes],
  ['last-updated', checkLastUpdated],
  ['common', checkCommon],
] as const);

export const INTERNAL_ERROR_RULE = 'bars-check-failed';

function runGuarded(name: string, check: Check, ctx: CheckContext): Issue[] {
  try {
    return check(ctx).filter((issue) => findRule(issue.ruleId)?.kind === 'implemented-ts');
  } catch (error) {
    return [
      {
        severity: 'error',
        code: 'exception',
        ruleId: INTERNAL_ERROR_RULE,
        message: `The ${name} check failed internally: ${error instanceof Error ? error.message : String(error)}.`,
        extraCodings: [{ system: HTTP_ERROR_CODES_SYSTEM, code: 'REC_SERVER_ERROR', display: '500 - REC_SERVER_ERROR' }],
      },
    ];
  }
}

export function runHeaderChecks(ctx: CheckContext): Issue[] {
  return runGuarded('headers', checkHeaders, ctx);
}

export function runMessageChecks(ctx: CheckContext): Issue[] {
  return MESSAGE_CHECKS.flatMap(([name, check]) => runGuarded(name, check, ctx));
}
