/**
 * Oracle 3: SUSHI's own snapshots (`sushi build --snapshot`). SUSHI's differential is run
 * through our generator (every SUSHI snapshot removed first, so bases are ours too) and the
 * result compared element for element with SUSHI's snapshot.
 *  - A small FSH project written here: slicing, re-stated choices, extensions (simple and
 *    complex), constraints inside datatypes, a content reference, a profile of a profile.
 *  - The BaRS FSH in fsh/, when present, on a private package cache holding R4 core and UK Core STU1.
 * SUSHI runs offline: HOME points at a temporary folder whose .fhir/packages holds what it
 * needs (it warns that three automatic dependencies cannot be loaded; that is expected).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StructureDefinition } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { buildLocalPackageCache } from '../../src/defs/local-cache.js';
import { writeCachedPackage } from '../../src/defs/packages/package-cache.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import type { ConformanceResource, FhirPackage } from '../../src/defs/types.js';
import { loadUkCoreSourcePackage } from '../../src/defs/ukcore.js';
import { describeWithShared, repoRoot, sharedDir } from '../support/shared.js';
import { compareSnapshots, type ElementDifference } from './snapshot-compare.js';

const SUSHI_CONFIG = `canonical: http://example.org/snapshot-test
fhirVersion: 4.0.1
FSHOnly: true
id: snapshot.test
name: SnapshotTest
status: draft
version: 0.1.0
`;

const FSH = `
Invariant: test-1
Description: "A value or a reason it is absent"
Expression: "value.exists() or dataAbsentReason.exists()"
Severity: #error

Extension: TestFlag
Id: test-flag
Title: "Test flag"
Description: "A yes/no flag"
* value[x] only boolean

Extension: TestComplex
Id: test-complex
Title: "Test complex extension"
Description: "Sub-extensions"
* extension contains part 1..1 and note 0..1
* extension[part].value[x] only CodeableConcept
* extension[note].value[x] only string

Profile: TestObservation
Parent: Observation
Id: test-observation
Title: "Test observation"
Description: "Slicing, extensions, choice types and constraints inside complex types"
* obeys test-1
* status = #final
* category 1..*
* category from http://hl7.org/fhir/ValueSet/observation-category (required)
* code.coding ^slicing.discriminator[0].type = #pattern
* code.coding ^slicing.discriminator[0].path = "$this"
* code.coding ^slicing.rules = #open
* code.coding contains loinc 1..1
* code.coding[loinc] = http://loinc.org#29463-7
* code.coding[loinc].display 1..1 MS
* subject 1..1
* subject only Reference(Patient)
* effective[x] only dateTime
* value[x] only Quantity
* valueQuantity.system = "http://unitsofmeasure.org"
* valueQuantity.code 1..1
* extension contains TestFlag named flag 0..1 MS
* extension[flag].valueBoolean = true
* note.text 1..1
* note.author[x] only string
* identifier.assigner.display 1..1
* referenceRange.low.value 1..1
* component ^slicing.discriminator[0].type = #pattern
* component ^slicing.discriminator[0].path = "code"
* component ^slicing.rules = #open
* component contains systolic 1..1 and diastolic 0..1
* component[systolic].code = http://loinc.org#8480-6
* component[systolic].value[x] only Quantity
* component[systolic].valueQuantity.unit 1..1
* component[diastolic].code = http://loinc.org#8462-4

Profile: TestObservationChoices
Parent: TestObservation
Id: test-observation-choices
Title: "Choices on a profile of a profile"
Description: "Type slices of a choice inside a slice, and a complex extension"
* component[diastolic].valueQuantity.value 1..1
* component[systolic].valueQuantity.comparator 0..0
* dataAbsentReason.coding 1..1
* extension contains TestComplex named complex 0..1
* extension[complex].extension[part].valueCodeableConcept.text 1..1

Profile: TestPatient
Parent: Patient
Id: test-patient
Title: "Test patient"
Description: "Identifier slicing and choice type slices"
* identifier.use 1..1 MS
* identifier.type from http://hl7.org/fhir/ValueSet/identifier-type (required)
* identifier ^short = "Identifiers, NHS number first"
* identifier ^slicing.discriminator[0].type = #value
* identifier ^slicing.discriminator[0].path = "system"
* identifier ^slicing.rules = #open
* identifier contains nhs 0..1
* identifier[nhs].system = "https://fhir.nhs.uk/Id/nhs-number"
* deceasedBoolean = false
* multipleBirthInteger 0..1
* contact.name.family 1..1
* link 0..0

Profile: TestQuestionnaire
Parent: Questionnaire
Id: test-questionnaire
Title: "Test questionnaire"
Description: "Constraints through a content reference"
* item 1..*
* item.linkId ^maxLength = 20
* item.item.text 1..1
`;

function sushiScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('fsh-sushi/package.json')), 'dist', 'app.js');
}

/** Runs `sushi build <project> --snapshot` with HOME at `home`; returns the generated StructureDefinitions. */
function runSushi(project: string, home: string): StructureDefinition[] {
  execFileSync(process.execPath, [sushiScript(), 'build', project, '--snapshot'], {
    env: { ...process.env, HOME: home, USERPROFILE: home },
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = join(project, 'fsh-generated', 'resources');
  return readdirSync(out)
    .filter((f) => f.startsWith('StructureDefinition-'))
    .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as StructureDefinition);
}

interface SushiComparison {
  id: string;
  differences: ElementDifference[];
  issues: string[];
}

/** Our snapshot of each SUSHI differential (bases ours too) against SUSHI's snapshot. */
function compareWithSushi(sushiOutput: StructureDefinition[], basePackages: FhirPackage[]): SushiComparison[] {
  const withoutSnapshots = sushiOutput.map(({ snapshot: _snapshot, ...rest }) => rest as StructureDefinition);
  const defs = createDefinitionSet([...basePackages, { name: 'sushi-output', version: '0.0.0', resources: withoutSnapshots as unknown as ConformanceResource[] }]);
  const cache = createSnapshotCache();
  return withoutSnapshots.map((sd) => {
    const expected = sushiOutput.find((s) => s.url === sd.url)?.snapshot?.element ?? [];
    const { structureDefinition, issues } = generateSnapshot(sd, defs, { cache });
    return {
      id: sd.id ?? sd.url,
      differences: compareSnapshots(expected, structureDefinition.snapshot?.element ?? []),
      issues: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.ruleId}: ${i.message}`),
    };
  });
}

function report(label: string, results: SushiComparison[]): string[] {
  const matching = results.filter((r) => r.differences.length === 0 && r.issues.length === 0).length;
  console.info(`[snapshot oracle 3] ${label}: ${matching} of ${results.length} StructureDefinitions match SUSHI's snapshot element for element`);
  return results.flatMap((r) => [
    ...r.issues.map((i) => `${r.id}: ${i}`),
    ...r.differences.map((d) => `${r.id}: ${JSON.stringify(d).slice(0, 300)}`),
  ]);
}

describe('snapshot oracle 3a: a small FSH project against sushi --snapshot', () => {
  let work: string;
  let core: FhirPackage;
  let sushiOutput: StructureDefinition[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'bars-snapshot-sushi-'));
    core = loadR4CorePackage();
    writeCachedPackage(join(work, 'home', '.fhir', 'packages'), core);
    const project = join(work, 'project');
    mkdirSync(join(project, 'input', 'fsh'), { recursive: true });
    writeFileSync(join(project, 'sushi-config.yaml'), SUSHI_CONFIG);
    writeFileSync(join(project, 'input', 'fsh', 'profiles.fsh'), FSH);
    sushiOutput = runSushi(project, join(work, 'home'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('SUSHI produced every profile and extension, each with a snapshot', () => {
    expect(sushiOutput.map((sd) => sd.id).sort()).toEqual(
      ['test-complex', 'test-flag', 'test-observation', 'test-observation-choices', 'test-patient', 'test-questionnaire'],
    );
    expect(sushiOutput.every((sd) => (sd.snapshot?.element.length ?? 0) > 0)).toBe(true);
  });

  it('our snapshots of SUSHI differentials equal SUSHI snapshots element for element', () => {
    const problems = report('small FSH project', compareWithSushi(sushiOutput, [core]));
    expect(problems).toEqual([]);
  });
});

const barsFshConfig = join(repoRoot, 'fsh', 'sushi-config.yaml');

describeWithShared('snapshot oracle 3b: the BaRS FSH against sushi --snapshot', () => {
  let work: string;
  let sushiOutput: StructureDefinition[] = [];
  let basePackages: FhirPackage[] = [];

  beforeAll(() => {
    if (!existsSync(barsFshConfig)) return;
    work = mkdtempSync(join(tmpdir(), 'bars-snapshot-bars-'));
    const home = join(work, 'home');
    // A private cache (R4 core, UK Core STU1 with our snapshots), so the project's own cache is left alone.
    buildLocalPackageCache({ cacheDir: join(home, '.fhir', 'packages'), sharedDir, ukCore: ['stu1'] });
    const project = join(work, 'fsh');
    cpSync(join(repoRoot, 'fsh'), project, { recursive: true, filter: (src) => !src.includes('fsh-generated') });
    sushiOutput = runSushi(project, home);
    const core = loadR4CorePackage();
    basePackages = [core, loadUkCoreSourcePackage(sharedDir, 'stu1', createXmlResourceReader(createDefinitionSet([core])))];
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(!existsSync(barsFshConfig))('every BaRS profile and extension: our snapshot equals SUSHI\'s element for element', () => {
    expect(sushiOutput.length).toBeGreaterThan(0);
    const problems = report('BaRS FSH', compareWithSushi(sushiOutput, basePackages));
    expect(problems).toEqual([]);
  });
});
