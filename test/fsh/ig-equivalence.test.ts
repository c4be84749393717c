/**
 * Each generated BaRS profile, extension and MessageDefinition must constrain exactly what the
 * IG's own XML definition does, except for the differences listed (with a reason) in
 * docs/fsh-deviations.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/defs/load.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';
import { describeWithShared, repoRoot, sharedPath } from '../support/shared.js';
import {
  BaseCardinality,
  messageDefinitionDifferences,
  structureDefinitionDifferences,
  type ConstraintDifference,
} from './support/constraints.js';
import { deviationKey, readDeviations } from './support/deviations.js';

type Resource = Record<string, unknown> & { resourceType: string; url: string };

const IG_FILES = [
  'StructureDefinition/BARSBundleMessage.xml',
  'StructureDefinition/BARSMessageHeaderServiceRequestRequest.xml',
  'StructureDefinition/BARSMessageHeaderServiceRequestResponse.xml',
  'StructureDefinition/BARSMessageHeaderBooking-Request.xml',
  'StructureDefinition/BARSServiceRequest-request-referral.xml',
  'StructureDefinition/BARSServiceRequest-request-validation.xml',
  'StructureDefinition/BARSFlagSceneSafety.xml',
  'StructureDefinition/BaRSLocationIncidentLocation.xml',
  'CDSSExtension.xml',
  'LocationExtension.xml',
  ...readdirSync(sharedPath('bars-ig', 'MessageDefinition')).filter((f) => f.endsWith('.xml')).map((f) => `MessageDefinition/${f}`),
];

function readGeneratedResources(): Resource[] {
  const dir = join(repoRoot, 'generated');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource);
}

describeWithShared('generated/ is equivalent to the BaRS IG (fsh/ against ../shared/bars-ig)', () => {
  let defs: DefinitionSet;
  let igResources: Resource[];
  let generated: Resource[];
  let differences: ConstraintDifference[];
  const listed = readDeviations(join(repoRoot, 'docs', 'fsh-deviations.md')).deviations;

  beforeAll(() => {
    defs = loadDefinitions({ generatedDir: false });
    const model = createTypeModel(defs);
    igResources = IG_FILES.map((file) => {
      const parsed = parseFhirXml(readFileSync(sharedPath('bars-ig', file), 'utf8'), model);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      return parsed.resource as Resource;
    });
    generated = readGeneratedResources();
    const base = new BaseCardinality(defs);
    differences = igResources.flatMap((ig) => {
      const fsh = generated.find((g) => g.resourceType === ig.resourceType && g.url === ig.url);
      if (!fsh) return [{ resource: ig.url, element: '', aspect: 'missing', ig: ig.resourceType, fsh: '' }];
      return ig.resourceType === 'MessageDefinition'
        ? messageDefinitionDifferences(ig as never, fsh as never)
        : structureDefinitionDifferences(ig as never, fsh as never, base);
    });
  });

  it('reads all 8 profiles, 2 extensions and 9 MessageDefinitions from the IG', () => {
    expect(igResources.filter((r) => r.resourceType === 'StructureDefinition')).toHaveLength(10);
    expect(igResources.filter((r) => r.resourceType === 'MessageDefinition')).toHaveLength(9);
  });

  it('generates every IG profile, extension and MessageDefinition under the same canonical URL', () => {
    const missing = igResources.filter((ig) => !generated.some((g) => g.resourceType === ig.resourceType && g.url === ig.url));
    expect(missing.map((r) => r.url)).toEqual([]);
  });

  it('has no constraint difference that docs/fsh-deviations.md does not list', () => {
    const listedKeys = new Set(listed.map(deviationKey));
    const unlisted = differences.filter((d) => !listedKeys.has(deviationKey(d)));
    expect(unlisted.map((d) => `${deviationKey(d)}: IG "${d.ig}" vs FSH "${d.fsh}"`)).toEqual([]);
  });

  it('lists no deviation that is not (or no longer) a real difference, and gives each a reason', () => {
    const actual = new Set(differences.map(deviationKey));
    expect(listed.filter((d) => !actual.has(deviationKey(d))).map(deviationKey)).toEqual([]);
    expect(listed.filter((d) => d.reason.length < 10).map(deviationKey)).toEqual([]);
  });

  it('generates all 22 IG CodeSystems with the same url, version, codes, displays and definitions, and a ValueSet for each', () => {
    const model = createTypeModel(defs);
    const dir = sharedPath('bars-ig', 'CodeSystem');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(files).toHaveLength(22);
    // Displays are compared trimmed: one IG display ends in a space, which FSH does not keep.
    const concepts = (cs: Record<string, any>): string[] =>
      (cs.concept ?? []).map((c: Record<string, string>) => `${c.code} | ${(c.display ?? '').trim()} | ${c.definition ?? ''}`);
    for (const file of files) {
      const parsed = parseFhirXml(readFileSync(join(dir, file), 'utf8'), model);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      const ig = parsed.resource as Record<string, any>;
      const fsh = generated.find((g) => g.resourceType === 'CodeSystem' && g.url === ig.url) as Record<string, any> | undefined;
      expect(fsh, ig.url).toBeDefined();
      expect([fsh!.id, fsh!.version, fsh!.content, concepts(fsh!)], ig.url).toEqual([ig.id, ig.version, ig.content, concepts(ig)]);
      if (ig.caseSensitive !== undefined) expect(fsh!.caseSensitive, ig.url).toBe(ig.caseSensitive);
      const valueSets = generated.filter((g) => g.resourceType === 'ValueSet' && JSON.stringify(g.compose ?? {}).includes(`"system":"${ig.url}"`));
      expect(valueSets, `ValueSet for ${ig.url}`).toHaveLength(1);
    }
  });

  it('generates the HTTP error-code CodeSystem with every REC_ code and its HTTP status', () => {
    const cs = generated.find((g) => g.url === 'https://fhir.nhs.uk/CodeSystem/http-error-codes') as Record<string, any>;
    const status = (code: string): number | undefined =>
      cs.concept.find((c: Record<string, any>) => c.code === code)?.property?.find((p: Record<string, any>) => p.code === 'httpStatus')?.valueInteger;
    expect(['REC_BAD_REQUEST', 'REC_NOT_FOUND', 'REC_TIMEOUT', 'REC_CONFLICT', 'REC_UNPROCESSABLE_ENTITY', 'REC_SERVER_ERROR'].map(status)).toEqual([400, 404, 408, 409, 422, 500]);
    expect(cs.concept.every((c: Record<string, any>) => typeof status(c.code) === 'number')).toBe(true);
  });

  it('detects a constraint the FSH drops (the comparison can fail)', () => {
    const ig = igResources.find((r) => r.url.endsWith('/BARSBundleMessage'))!;
    const fsh = structuredClone(generated.find((g) => g.url === ig.url)!) as unknown as { differential: { element: Array<Record<string, unknown>> } };
    fsh.differential.element = fsh.differential.element.filter((e) => e.id !== 'Bundle.timestamp');
    const found = structureDefinitionDifferences(ig as never, fsh as never, new BaseCardinality(defs));
    expect(found.map((d) => `${d.element} ${d.aspect} ${d.ig}->${d.fsh}`)).toEqual(['Bundle.timestamp min 1->0']);
  });
});
