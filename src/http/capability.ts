/**
 * The service's CapabilityStatement (GET /metadata): what it is, the two wire formats, the two
 * operations it offers and the BaRS MessageDefinitions its receiver knows (from the definitions
 * the validator was built with, so an added IG shows up here too).
 */
import type { DefinitionSet } from '../defs/types.js';
import { MEDIA_TYPES } from './negotiate.js';

export interface CapabilityOptions {
  definitions: DefinitionSet;
  /** When the statement was made (the service's start). */
  date: Date;
  softwareName: string;
  softwareVersion?: string;
  /** The base URL the service is reached at, when known. */
  baseUrl?: string;
}

export const VALIDATE_OPERATION = 'http://hl7.org/fhir/OperationDefinition/Resource-validate';
export const PROCESS_MESSAGE_OPERATION = 'http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message';

export function buildCapabilityStatement(options: CapabilityOptions): Record<string, unknown> {
  const messageDefinitions = options.definitions
    .all('MessageDefinition')
    .map((md) => (typeof md.url === 'string' ? (typeof md.version === 'string' ? `${md.url}|${md.version}` : md.url) : undefined))
    .filter((url): url is string => url !== undefined)
    .sort();
  const software: Record<string, string> = { name: options.softwareName };
  if (options.softwareVersion) software.version = options.softwareVersion;
  const statement: Record<string, unknown> = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date.toISOString(),
    kind: 'instance',
    software,
    implementation: {
      description: 'BaRS message validator: FHIR R4 $validate for any resource, and the BaRS receiver verdict for $process-message',
      ...(options.baseUrl ? { url: options.baseUrl } : {}),
    },
    fhirVersion: '4.0.1',
    format: [MEDIA_TYPES.json, MEDIA_TYPES.xml],
    rest: [
      {
        mode: 'server',
        documentation: 'POST /$validate validates the posted resource (?profile= adds a profile); POST /$process-message answers with the BaRS receiver verdict.',
        operation: [
          { name: 'validate', definition: VALIDATE_OPERATION },
          { name: 'process-message', definition: PROCESS_MESSAGE_OPERATION },
        ],
      },
    ],
  };
  if (messageDefinitions.length > 0) {
    statement.messaging = [{ documentation: 'Messages this receiver validates.', supportedMessage: messageDefinitions.map((definition) => ({ mode: 'receiver', definition })) }];
  }
  return statement;
}
