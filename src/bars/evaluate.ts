/**
 * One BaRS message, evaluated: the MessageDefinition is selected from the MessageHeader, the
 * Application is named by the caller or recognised from the use case, the BaRS checks run and
 * the profiles the profile engine must apply are chosen. Shared by the receiver (async, with
 * headers) and by plain validation (sync, payload only), so both report the same rules.
 */
import type { DefinitionSet } from '../defs/types.js';
import type { Issue } from '../model/issue.js';
import { runHeaderChecks, runMessageChecks } from './checks/index.js';
import type { CheckContext } from './checks/context.js';
import { selectMessageDefinition } from './checks/message-definition.js';
import type { HeaderMap } from './headers.js';
import { asArray, asObject, str, text } from './json.js';
import { buildMessageView, SYSTEMS, type ApplicationId, type MessageView } from './message.js';
import { selectProfiles, type ProfileSelection } from './profile-selection.js';
import type { ReceiverSupport } from './support.js';

export interface MessageEvaluationInput {
  bundle: unknown;
  definitions: DefinitionSet;
  support: ReceiverSupport;
  /** The request's headers; undefined for a payload-only check (header rules are skipped). */
  headers?: HeaderMap;
  /** The Application to apply; recognised from the use-case code when absent. */
  application?: ApplicationId;
  now: Date;
}

export interface MessageEvaluation {
  context: CheckContext;
  /** Issues of the BaRS checks (header checks first when headers were given). */
  issues: Issue[];
  /** Profiles the profile engine applies to the Bundle and its entries. */
  profiles: ProfileSelection;
}

export const HEADERS_NOT_CHECKED_RULE = 'bars-headers-not-checked';

/** The information issue of a payload-only check. */
export function headersNotCheckedIssue(): Issue {
  return {
    severity: 'information',
    code: 'informational',
    ruleId: HEADERS_NOT_CHECKED_RULE,
    message: 'No HTTP headers were given: the header rules (CORE-HDR-*) and the duplicate-request rules (CORE-TI-*) were not checked (payload-only check).',
  };
}

function applicationVersion(message: MessageView): string | undefined {
  return str(asObject(message.bundle?.meta)?.versionId);
}

/**
 * Whether a parsed value is a BaRS message: a message Bundle whose MessageHeader names a BaRS
 * event (message-events-bars) or a BaRS MessageDefinition. Other FHIR messages are left alone.
 */
export function isBarsMessage(value: unknown): boolean {
  const bundle = asObject(value);
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'message') return false;
  // The MessageHeader alone, read as buildMessageView reads it (the first entry's resource): the
  // whole view (every entry, the focus, the use case) is built once, by evaluateMessage.
  const first = asObject(asObject(asArray(bundle.entry)[0])?.resource);
  const header = first?.resourceType === 'MessageHeader' ? first : undefined;
  const eventSystem = str(asObject(header?.eventCoding)?.system);
  return eventSystem === SYSTEMS.messageEvents || (text(header?.definition) ?? '').startsWith(BARS_MESSAGE_DEFINITION_BASE);
}

const BARS_MESSAGE_DEFINITION_BASE = 'https://fhir.nhs.uk/MessageDefinition/';

export function evaluateMessage(input: MessageEvaluationInput): MessageEvaluation {
  const message = buildMessageView(input.bundle);
  const application = input.application ?? message.application;
  const messageDefinition = selectMessageDefinition(input.definitions, message.definition, applicationVersion(message));
  const context: CheckContext = {
    message,
    headers: input.headers ?? new Map(),
    support: input.support,
    definitions: input.definitions,
    application,
    messageDefinition,
    now: input.now,
  };
  const issues = input.headers ? runHeaderChecks(context) : [headersNotCheckedIssue()];
  if (input.bundle !== undefined) issues.push(...runMessageChecks(context));
  return { context, issues, profiles: selectProfiles(message, messageDefinition, application) };
}
