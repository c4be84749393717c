/** What every BaRS check receives. Checks are pure functions of this context returning Issues. */
import type { Issue } from '../../model/issue.js';
import type { DefinitionSet } from '../../defs/types.js';
import type { HeaderMap } from '../headers.js';
import type { ApplicationId, MessageView } from '../message.js';
import type { ReceiverSupport } from '../support.js';
import type { MessageDefinitionMatch } from './message-definition.js';

export interface CheckContext {
  message: MessageView;
  headers: HeaderMap;
  support: ReceiverSupport;
  definitions?: DefinitionSet;
  /** The Application whose rules apply: named by the caller, else recognised from the use case. */
  application?: ApplicationId;
  /** The MessageDefinition selected by MessageHeader.definition, when resolved. */
  messageDefinition?: MessageDefinitionMatch;
  /** The receiver's clock, for the future-timestamp sanity check. */
  now: Date;
}

export type Check = (context: CheckContext) => Issue[];
