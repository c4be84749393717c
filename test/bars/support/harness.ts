/**
 * Test support for the BaRS layer: a DefinitionSet of the project's generated MessageDefinitions,
 * request headers that fit a message, and fixture discovery.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDefinitionSet } from '../../../src/defs/definition-set.js';
import type { ConformanceResource, DefinitionSet } from '../../../src/defs/types.js';
import { repoRoot } from '../../support/shared.js';

export const FIXTURES_DIR = resolve(repoRoot, 'fixtures');
export const FIXTURE_APPLICATIONS = ['111-ed', '999-cas'] as const;

/** The BaRS MessageDefinitions SUSHI generated from fsh/ (committed under generated/). */
export function messageDefinitionSet(): DefinitionSet {
  const dir = resolve(repoRoot, 'generated');
  const resources = readdirSync(dir)
    .filter((f) => f.startsWith('MessageDefinition-') && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ConformanceResource);
  return createDefinitionSet([{ name: 'bars.generated.messagedefinitions', version: '0.0.0', resources }]);
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

export const REQUEST_ID = 'a81f4c3e-2b6d-4e9a-9c07-5d1e8f2a6b40';
export const CORRELATION_ID = 'f0b2d7c1-93e4-4a58-8b6f-1c2d3e4f5a60';

/** Headers a well-behaved sender (via the proxy) would send with this message. */
export function headersFor(message: unknown, overrides: Record<string, string | null> = {}): Record<string, string> {
  const endpoint = (message as { entry?: Array<{ resource?: { destination?: Array<{ endpoint?: string }> } }> })?.entry?.[0]?.resource?.destination?.[0]?.endpoint ?? 'https://fhir.nhs.uk/Id/dos-service-id|0';
  const [system, value] = endpoint.split('|');
  const headers: Record<string, string> = {
    'X-Request-ID': REQUEST_ID,
    'X-Correlation-ID': CORRELATION_ID,
    'NHSD-Target-Identifier': b64({ value, system }),
    'NHSD-End-User-Organisation': b64({
      resourceType: 'Organization',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'NX4' }],
      name: 'Northshire 111 Service',
    }),
    'NHSD-Requesting-Practitioner': b64({
      resourceType: 'PractitionerRole',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: '555018452101' }],
      code: [{ coding: [{ system: 'http://snomed.info/sct', code: '309394004', display: 'General practitioner' }] }],
    }),
    'NHSD-Requesting-Software': b64({ resourceType: 'Device', identifier: [{ system: 'https://example.org/Id/software', value: 'meridian' }], deviceName: 'Meridian Triage', version: '7.4.1' }),
    Accept: 'application/fhir+json; version=1.0.0',
    'Content-Type': 'application/fhir+json',
  };
  for (const [name, v] of Object.entries(overrides)) {
    if (v === null) delete headers[name];
    else headers[name] = v;
  }
  return headers;
}

export interface FixtureGolden {
  status: number;
  barsCode?: string;
  /** Rule ids of the rejecting issues (sorted, unique). */
  errors: string[];
  /** Rule ids of the warnings (sorted, unique). */
  warnings: string[];
  /** Request header changes for this fixture (null removes a header). */
  headers?: Record<string, string | null>;
  /** Receiver configuration for this fixture (e.g. the service ids it handles). */
  receiverSupport?: { serviceIds?: string[] };
  /** What the fixture breaks or shows, in a sentence. */
  description: string;
}

export interface Fixture {
  application: (typeof FIXTURE_APPLICATIONS)[number];
  kind: 'valid' | 'invalid';
  name: string;
  messagePath: string;
  goldenPath: string;
  golden: FixtureGolden;
}

/** Every fixture with a golden verdict (`x.json` + `x.verdict.json`). */
export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const application of FIXTURE_APPLICATIONS) {
    for (const kind of ['valid', 'invalid'] as const) {
      const dir = join(FIXTURES_DIR, application, kind);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.verdict.json')) continue;
        const name = file.slice(0, -'.verdict.json'.length);
        const goldenPath = join(dir, file);
        out.push({ application, kind, name, messagePath: join(dir, `${name}.json`), goldenPath, golden: JSON.parse(readFileSync(goldenPath, 'utf8')) as FixtureGolden });
      }
    }
  }
  return out;
}
