/**
 * Bundle entry rules that are not FHIRPath invariants: a fullUrl is an absolute URI, and a
 * RESTful fullUrl ends with the entry resource's type and id. (fullUrl uniqueness is bdl-7,
 * run natively by the invariants check; first-entry rules are bdl-* invariants.)
 */
import { restfulBase } from '../instance/bundle-index.js';
import type { Check } from './check.js';

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const RESTFUL_TYPE = /\/([A-Z][A-Za-z]+)\/[^/]+(?:\/_history\/[^/]+)?$/;
const UUID_URN = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function createBundleCheck(): Check {
  return {
    name: 'bundle',
    appliesTo: (element, role, typeCode) => role === 'root' && typeCode === 'Bundle' && element.structure.derivation !== 'constraint' && element.path === 'Bundle',
    checkNode(visit, ctx) {
      // Once per Bundle: at the root of its base definition.
      if (visit.role !== 'root' || visit.typeCode !== 'Bundle' || visit.element.structure.derivation === 'constraint' || visit.element.path !== 'Bundle') return;
      const links = (visit.value as { link?: unknown }).link;
      if (Array.isArray(links)) {
        const seen = new Set<string>();
        links.forEach((link, index) => {
          const relation = (link as { relation?: unknown } | null)?.relation;
          if (typeof relation !== 'string') return;
          if (seen.has(relation)) {
            ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-link-duplicate', message: `The link relationship type '${relation}' can only occur once` }, { key: 'link', index });
          }
          seen.add(relation);
        });
      }
      const entries = (visit.value as { entry?: unknown }).entry;
      if (!Array.isArray(entries)) return;
      entries.forEach((raw, index) => {
        if (!raw || typeof raw !== 'object') return;
        const entry = raw as { fullUrl?: unknown; resource?: { resourceType?: unknown; id?: unknown } };
        const at = { key: 'entry', index };
        const fullUrl = entry.fullUrl;
        if (typeof fullUrl !== 'string') {
          const type = (visit.value as { type?: unknown }).type;
          if (entry.resource && type !== 'transaction' && type !== 'batch') {
            ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-fullurl-missing', message: 'Except for transactions and batches, each entry in a Bundle must have a fullUrl which is the identity of the resource in the entry' }, at);
          }
          return;
        }
        if (!ABSOLUTE_URI.test(fullUrl)) {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-fullurl-absolute', message: `The fullUrl must be an absolute URL (not '${fullUrl}')` }, at);
          return;
        }
        if (fullUrl.startsWith('urn:uuid:') && !UUID_URN.test(fullUrl)) {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-fullurl-uuid', message: `The fullUrl '${fullUrl}' is not a valid urn:uuid (expected urn:uuid: and a UUID)` }, at);
          return;
        }
        const resource = entry.resource;
        if (!resource || typeof resource !== 'object' || restfulBase(fullUrl) === undefined) return;
        const urlType = RESTFUL_TYPE.exec(fullUrl)?.[1];
        if (!urlType || ctx.services.plans.typePlan(urlType)?.info.kind !== 'resource') return;
        const type = typeof resource.resourceType === 'string' ? resource.resourceType : undefined;
        const id = typeof resource.id === 'string' ? resource.id : undefined;
        if (!type) return;
        if (!id) {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-fullurl-no-id', message: `The fullUrl '${fullUrl}' looks like a RESTful server URL, but the resource has no id` }, at);
        } else if (!fullUrl.split('/_history/')[0].endsWith(`/${type}/${id}`)) {
          ctx.report({ severity: 'error', code: 'invalid', ruleId: 'bundle-fullurl-mismatch', message: `The fullUrl '${fullUrl}' looks like a RESTful server URL, so it must end with the correct type and id (/${type}/${id})` }, at);
        }
      });
    },
  };
}
