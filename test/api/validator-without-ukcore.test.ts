/**
 * A fresh install with no ../shared: R4 core from the npm dependency plus BaRS from generated/.
 * The loader is pointed at an empty shared folder and an empty local cache, so UK Core cannot be
 * found; the BaRS profiles (whose parents are UKCore-*) are then checked over the R4 base of the
 * same type and the outcome carries one information issue saying UK Core was not checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Issue, type Validator } from '../../src/api/index.js';
import { UK_CORE_NOT_CHECKED_RULE } from '../../src/defs/ukcore-fallback.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'fixtures/111-ed', name), 'utf8')) as { entry: Array<{ resource: Record<string, unknown> }> };
const errorsOf = (issues: Issue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const notCheckedOf = (issues: Issue[]) => issues.filter((i) => i.ruleId === UK_CORE_NOT_CHECKED_RULE);
const now = () => new Date('2025-03-14T12:00:00Z');

describe('createValidator without UK Core (no ../shared, empty local cache)', () => {
  let scratch: string;
  let v: Validator;
  const loadNotes: Issue[] = [];
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'bars-no-ukcore-'));
    v = await createValidator({ load: { sharedDir: join(scratch, 'shared'), localCacheDir: join(scratch, 'cache'), onIssue: (i) => loadNotes.push(i) }, now });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('loads R4 core and generated/ only, and the loader says UK Core was not found', () => {
    expect(v.definitions.packages.map((p) => p.name)).toEqual(['hl7.fhir.r4.core', 'bars.generated']);
    expect(loadNotes.map((i) => [i.severity, i.ruleId])).toEqual([['warning', 'ukcore-not-found']]);
  });

  it('a valid BaRS referral is valid, with one information issue saying UK Core constraints were not checked', () => {
    const issues = v.validateToIssues(fixture('valid/referral-new.json')).issues;
    expect(errorsOf(issues)).toEqual([]);
    const notChecked = notCheckedOf(issues);
    expect(notChecked).toHaveLength(1);
    expect(notChecked[0]).toMatchObject({ severity: 'information', code: 'informational' });
    expect(notChecked[0].message).toMatch(/UK Core constraints were not checked/);
    expect(notChecked[0].message).toMatch(/BARSServiceRequest-request-referral/);
    // The UK Core profiles and extensions the instance names are folded into that one issue.
    expect(issues.filter((i) => i.ruleId === 'profile-unknown' || i.ruleId === 'extension-unknown')).toEqual([]);
    expect(v.profileIssues().filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    expect(v.validate(fixture('valid/referral-new.json')).issue.filter((i) => i.severity === 'information' && /UK Core/.test(i.diagnostics ?? ''))).toHaveLength(1);
  });

  it('the BaRS profiles still apply over the R4 base: a missing authoredOn is an error', () => {
    const message = fixture('valid/referral-new.json');
    delete message.entry[1].resource.authoredOn;
    const errors = errorsOf(v.validateToIssues(message).issues);
    expect(errors.map((i) => [i.ruleId, i.location])).toContainEqual(['cardinality-min', 'Bundle.entry[1].resource']);
    expect(errors.some((i) => /ServiceRequest\.authoredOn/.test(i.message) && i.definition?.startsWith('https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral'))).toBe(true);
  });

  it('the BaRS rules still apply: two Appointments in a booking', () => {
    const issues = v.validateToIssues(fixture('invalid/appointment-two.json')).issues;
    expect(errorsOf(issues).map((i) => i.ruleId).sort()).toEqual(['CORE-APPT-01', 'CORE-MD-02']);
    expect(notCheckedOf(issues)).toHaveLength(1);
  });

  it('a resource that names a UK Core profile gets the one information issue; one that names none gets none', () => {
    const patient = { resourceType: 'Patient', meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'] }, name: [{ family: 'Smith' }] };
    const named = v.validateToIssues(patient).issues;
    expect(named.map((i) => i.ruleId)).toEqual([UK_CORE_NOT_CHECKED_RULE]);
    expect(named[0].message).toMatch(/1 reference\(s\) to UK Core profiles or extensions could not be followed/);
    expect(notCheckedOf(v.validateToIssues({ resourceType: 'Patient', name: [{ family: 'Smith' }] }).issues)).toEqual([]);
  });

  it('receive() gives the valid referral 200 with the information issue in its outcome', async () => {
    const result = await v.receive({ body: readFileSync(join(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8') });
    expect(result.status).toBe(200);
    expect(notCheckedOf(result.issues)).toHaveLength(1);
  });
});

describeWithShared('createValidator with UK Core', () => {
  it('says nothing about UK Core not being checked', async () => {
    const v = await createValidator({ now });
    const issues = v.validateToIssues(fixture('valid/referral-new.json')).issues;
    expect(errorsOf(issues)).toEqual([]);
    expect(notCheckedOf(issues)).toEqual([]);
  });
});
