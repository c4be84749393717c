/** The native constraint forms must answer exactly as FHIRPath does (or defer to it). */
import { describe, expect, it } from 'vitest';
import type { NodeVisit, ResourceFrame } from '../../src/checks/check.js';
import { nativeConstraint, triviallyHolds } from '../../src/checks/native-constraints.js';
import { createFhirPathEvaluator, type CompiledExpression } from '../../src/fhirpath/index.js';

const fhirPath = createFhirPathEvaluator();

function viaFhirPath(expression: string, node: unknown, nodePath: string, resource: unknown): boolean {
  const compiled = fhirPath.compile(expression) as CompiledExpression;
  const result = fhirPath.evaluateBoolean(compiled, { node, nodePath, resource, rootResource: resource });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function visit(value: unknown): NodeVisit {
  return { value, companion: undefined, element: undefined as never, typeCode: 'Element', key: '', role: 'root', parentPath: '', parentType: '', shadows: undefined };
}

const cases: Array<{ key: string; expression: string; path: string; values: unknown[] }> = [
  { key: 'cpt-2', expression: 'value.empty() or system.exists()', path: 'ContactPoint', values: [{ value: '1' }, { value: '1', system: 'phone' }, { system: 'phone' }, {}] },
  { key: 'ext-1', expression: 'extension.exists() != value.exists()', path: 'Extension', values: [{ url: 'a', valueString: 'x' }, { url: 'a' }, { url: 'a', valueString: 'x', extension: [{ url: 'b', valueString: 'y' }] }, { url: 'a', extension: [{ url: 'b', valueString: 'y' }] }] },
  { key: 'x-1', expression: 'dataAbsentReason.empty() or value.empty()', path: 'Observation', values: [{ valueString: 'x' }, { valueString: 'x', dataAbsentReason: { text: 'y' } }, { dataAbsentReason: { text: 'y' } }] },
  { key: 'x-2', expression: '(identifier.count() + name.count()) > 0', path: 'Organization', values: [{}, { name: 'n' }, { identifier: [{ value: 'v' }] }] },
  { key: 'x-3', expression: "type = 'document' implies timestamp.hasValue()", path: 'Bundle', values: [{ type: 'message' }, { type: 'document' }, { type: 'document', timestamp: '2020-01-01T00:00:00Z' }] },
  { key: 'x-4', expression: 'resource.exists() or request.exists() or response.exists()', path: 'Bundle.entry', values: [{ fullUrl: 'urn:x' }, { resource: { resourceType: 'Patient' } }, { request: { method: 'GET', url: 'x' } }] },
  { key: 'x-5', expression: 'comparator.empty()', path: 'Quantity', values: [{ value: 1 }, { value: 1, comparator: '<' }] },
  ...bundleCases(),
];

function bundleCases() {
  const mh = { resource: { resourceType: 'MessageHeader' } };
  const pat = { resource: { resourceType: 'Patient' } };
  const bundles: unknown[] = [
    { resourceType: 'Bundle', type: 'message', entry: [mh, pat] },
    { resourceType: 'Bundle', type: 'message', entry: [pat, mh] },
    { resourceType: 'Bundle', type: 'message' },
    { resourceType: 'Bundle', entry: [mh] },
    { resourceType: 'Bundle', entry: [pat] },
    { resourceType: 'Bundle', type: 'collection', total: 2, entry: [{ ...pat, search: { mode: 'match' } }] },
    { resourceType: 'Bundle', type: 'searchset', total: 2, entry: [{ ...pat, search: { mode: 'match' } }] },
    { resourceType: 'Bundle', total: 1 },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ ...pat, request: { method: 'POST', url: 'Patient' } }, pat] },
    { resourceType: 'Bundle', type: 'batch-response', entry: [{ ...pat, response: { status: '200' } }] },
    { resourceType: 'Bundle', type: 'collection', entry: [{ ...pat, response: { status: '200' } }] },
  ];
  return [
    ['bdl-1', "total.empty() or (type = 'searchset') or (type = 'history')"],
    ['bdl-2', "entry.search.empty() or (type = 'searchset')"],
    ['bdl-3', "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))"],
    ['bdl-4', "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))"],
    ['bdl-12', "type = 'message' implies entry.first().resource.is(MessageHeader)"],
  ].map(([key, expression]) => ({ key, expression, path: 'Bundle', values: bundles }));
}

describe('native constraints', () => {
  for (const c of cases) {
    it(`${c.expression} agrees with FHIRPath`, () => {
      const native = nativeConstraint(c.key, c.expression);
      expect(native).toBeDefined();
      let answered = 0;
      for (const value of c.values) {
        const answer = native!(visit(value), { resource: value } as unknown as ResourceFrame);
        const expected = viaFhirPath(c.expression, value, c.path, value);
        // A shortcut may defer (undefined: FHIRPath decides); whatever it answers must be FHIRPath's answer.
        if (answer !== undefined) {
          answered++;
          expect({ value, answer }).toEqual({ value, answer: expected });
        }
      }
      expect(answered).toBeGreaterThan(0);
    });
  }

  it('does not shortcut when a later implies/xor changes the meaning', () => {
    expect(nativeConstraint('x', 'a.empty() or b implies c')).toBeUndefined();
    expect(nativeConstraint('x', "a = 'x' implies b implies c")).toBeUndefined();
  });

  it('answers dom-2..5 trivially only when there is no contained resource', () => {
    expect(triviallyHolds('contained.contained.empty()', { resourceType: 'Patient' })).toBe(true);
    expect(triviallyHolds('contained.contained.empty()', { resourceType: 'Patient', contained: [] })).toBe(false);
  });
});
