/**
 * A read-only view of a BaRS message Bundle for the checks: entries with their locations, the
 * MessageHeader, reference resolution inside the Bundle, and the workflow variables.
 * Built from any parsed JSON value; never throws.
 */
import { asArray, asObject, codesOf, isObject, objects, referenceOf, str, text, type JsonObject } from './json.js';
import { entryResourceLocation, Location } from './location.js';
import { scanMessage, type MessageScan } from './message-scan.js';

export const SYSTEMS = {
  messageEvents: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
  messageReason: 'https://fhir.nhs.uk/CodeSystem/message-reason-bars',
  messageCategory: 'https://fhir.nhs.uk/CodeSystem/message-category-servicerequest',
  useCases: 'https://fhir.nhs.uk/CodeSystem/usecases-categories-bars',
} as const;

export interface MessageEntry {
  index: number;
  fullUrl?: string;
  resource?: JsonObject;
  resourceType?: string;
  /** `Bundle.entry[i].resource` */
  location: Location;
}

export type ApplicationId = '111-ed' | '999-cas';

export interface MessageView {
  bundle?: JsonObject;
  entries: MessageEntry[];
  /** The first entry's resource when it is a MessageHeader. */
  header?: MessageEntry;
  event?: string;
  reason?: string;
  definition?: string;
  focus?: MessageEntry;
  /** Resolves a reference string (urn:uuid, absolute or `Type/id`) to an entry of this Bundle. */
  resolve(reference: string | undefined): MessageEntry | undefined;
  ofType(resourceType: string): MessageEntry[];
  /** The one ServiceRequest (first if several). */
  serviceRequest?: MessageEntry;
  appointment?: MessageEntry;
  /** `referral` | `validation` from ServiceRequest.category. */
  category?: string;
  /** Use-case code from ServiceRequest.category or Appointment.serviceCategory. */
  useCase?: string;
  /** Application recognised from the use-case code (lower-case a1tN / a4tN). */
  application?: ApplicationId;
  /** What the whole-message rules read from every node, from one walk made on the first call. */
  scan(): MessageScan;
}

/** Application of a use-case code: a1tN → 111→ED (Application 1), a4tN → 999→CAS (Application 4). */
export function applicationOfUseCase(useCase: string | undefined): ApplicationId | undefined {
  if (!useCase) return undefined;
  if (/^a1t\d+$/.test(useCase)) return '111-ed';
  if (/^a4t\d+$/.test(useCase)) return '999-cas';
  return undefined;
}

const RELATIVE_REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

export function buildMessageView(body: unknown): MessageView {
  const bundle = isObject(body) ? body : undefined;
  const entries: MessageEntry[] = asArray(bundle?.entry).map((raw, index) => {
    const entry = asObject(raw);
    const resource = asObject(entry?.resource);
    return { index, fullUrl: text(entry?.fullUrl), resource, resourceType: str(resource?.resourceType), location: entryResourceLocation(index) };
  });
  const byFullUrl = new Map<string, MessageEntry>();
  for (const e of entries) if (e.fullUrl && !byFullUrl.has(e.fullUrl)) byFullUrl.set(e.fullUrl, e);

  // `Type/id` → the first entry of that type whose resource has that id or whose fullUrl ends
  // with `/Type/id`, indexed on the first relative reference (a scan per reference made a large
  // Bundle's references quadratic).
  let byRelative: Map<string, MessageEntry> | undefined;
  const relativeIndex = (): Map<string, MessageEntry> => {
    if (byRelative) return byRelative;
    byRelative = new Map();
    for (const e of entries) {
      if (!e.resourceType) continue;
      const id = e.resource?.id;
      const byId = typeof id === 'string' ? `${e.resourceType}/${id}` : undefined;
      if (byId !== undefined && !byRelative.has(byId)) byRelative.set(byId, e);
      const fullUrl = e.fullUrl ?? '';
      const idStart = fullUrl.lastIndexOf('/');
      const typeStart = idStart > 0 ? fullUrl.lastIndexOf('/', idStart - 1) : -1;
      if (typeStart >= 0 && fullUrl.slice(typeStart + 1, idStart) === e.resourceType) {
        const key = fullUrl.slice(typeStart + 1);
        if (!byRelative.has(key)) byRelative.set(key, e);
      }
    }
    return byRelative;
  };
  const resolve = (reference: string | undefined): MessageEntry | undefined => {
    if (!reference) return undefined;
    const direct = byFullUrl.get(reference);
    if (direct) return direct;
    if (!RELATIVE_REFERENCE.test(reference)) return undefined;
    return relativeIndex().get(reference);
  };
  const ofType = (type: string): MessageEntry[] => entries.filter((e) => e.resourceType === type);

  const first = entries[0];
  const header = first?.resourceType === 'MessageHeader' ? first : undefined;
  const mh = header?.resource;
  const eventCoding = asObject(mh?.eventCoding);
  const event = eventCoding && str(eventCoding.system) === SYSTEMS.messageEvents ? str(eventCoding.code) : str(eventCoding?.code);
  const reason = codesOf(mh?.reason, SYSTEMS.messageReason)[0];
  const focusRefs = objects(mh?.focus);
  const focus = resolve(referenceOf(focusRefs[0]));

  const serviceRequest = ofType('ServiceRequest')[0];
  const appointment = ofType('Appointment')[0];
  const category = codesOf(serviceRequest?.resource?.category, SYSTEMS.messageCategory)[0];
  const useCase =
    codesOf(serviceRequest?.resource?.category, SYSTEMS.useCases)[0] ?? codesOf(appointment?.resource?.serviceCategory, SYSTEMS.useCases)[0];

  let scanned: MessageScan | undefined;
  const scan = (): MessageScan => (scanned ??= bundle ? scanMessage(bundle, entries) : { references: [], timeLike: [] });

  return {
    bundle,
    entries,
    header,
    event,
    reason,
    definition: text(mh?.definition),
    focus,
    resolve,
    ofType,
    serviceRequest,
    appointment,
    category,
    useCase,
    application: applicationOfUseCase(useCase),
    scan,
  };
}
