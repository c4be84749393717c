/**
 * Every fixture under fixtures/{111-ed,999-cas} against its golden verdict. With ../shared (UK
 * Core for the engine) the full receiver runs — BaRS checks and the profile engine with the FSH
 * invariants — and status, BaRS code and the exact sets of error and warning rule ids (BaRS ids
 * and the engine's own) must match. Without ../shared a fast check still runs the BaRS layer alone
 * and holds it to the golden's TypeScript-checked rule ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/validator.js';
import { createReceiver, type Receiver, type ReceiverResponse } from '../../src/bars/receiver.js';
import { findRule } from '../../src/bars/rules/registry.js';
import { describeWithShared } from '../support/shared.js';
import { FIXTURES_DIR, headersFor, listFixtures, messageDefinitionSet, type Fixture } from './support/harness.js';
import { buildFixtureFiles } from './support/write-fixtures.js';

const RECEIVER_CLOCK = new Date('2025-03-14T12:00:00Z');
const fixtures = listFixtures();
/** The fixture patient's identifying data (CORE-OO-04: never in diagnostics). */
const IDENTIFYING = ['9990004417', 'Marchbank', 'Elowen', '07700', 'Quarry Lane', 'NE99'];

function ruleIds(result: ReceiverResponse, severity: 'error' | 'warning'): string[] {
  const matches = (s: string) => (severity === 'error' ? s === 'error' || s === 'fatal' : s === severity);
  return [...new Set(result.issues.filter((i) => matches(i.severity)).map((i) => i.ruleId))].sort();
}

async function receive(fixture: Fixture, receiver: Receiver): Promise<ReceiverResponse> {
  const text = readFileSync(fixture.messagePath, 'utf8');
  return receiver.receive({ headers: headersFor(JSON.parse(text), fixture.golden.headers), body: text });
}

describe('BaRS fixtures', () => {
  it('exist for both Applications, valid and invalid', () => {
    for (const app of ['111-ed', '999-cas']) {
      expect(fixtures.filter((f) => f.application === app && f.kind === 'valid').length).toBeGreaterThan(0);
      expect(fixtures.filter((f) => f.application === app && f.kind === 'invalid').length).toBeGreaterThan(0);
    }
  });

  it('valid ones are accepted and invalid ones report something (goldens)', () => {
    for (const fixture of fixtures) {
      if (fixture.kind === 'valid') expect(fixture.golden.status, fixture.name).toBe(200);
      else expect(fixture.golden.errors.filter((id) => findRule(id)).length + fixture.golden.warnings.filter((id) => findRule(id)).length, fixture.name).toBeGreaterThan(0);
    }
  });
});

describeWithShared('BaRS fixtures through the full receiver (profile engine included)', () => {
  let validator: Validator;
  beforeAll(async () => {
    validator = await createValidator({ now: () => RECEIVER_CLOCK });
  });

  for (const fixture of fixtures) {
    it(`${fixture.application}/${fixture.kind}/${fixture.name}`, async () => {
      const receiver = validator.createReceiver({ store: null, supported: fixture.golden.receiverSupport });
      const result = await receive(fixture, receiver);
      expect({ status: result.status, barsCode: result.barsCode, errors: ruleIds(result, 'error'), warnings: ruleIds(result, 'warning') }).toEqual({
        status: fixture.golden.status,
        barsCode: fixture.golden.barsCode,
        errors: fixture.golden.errors,
        warnings: fixture.golden.warnings,
      });
      // CORE-OO-04: diagnostics never carry the fixture patient's identifying data.
      const rendered = JSON.stringify(result.outcome);
      for (const pid of IDENTIFYING) expect(rendered).not.toContain(pid);
    });
  }
});

describe('BaRS fixtures through the BaRS layer alone (no ../shared needed)', () => {
  const definitions = messageDefinitionSet();
  /** The golden's rule ids the BaRS layer itself checks (not the FSH invariants or the engine's). */
  const tsChecked = (ids: string[]) => ids.filter((id) => findRule(id)?.kind === 'implemented-ts');

  for (const fixture of fixtures) {
    it(`${fixture.application}/${fixture.kind}/${fixture.name}`, async () => {
      const receiver = createReceiver({ definitions, store: null, supported: fixture.golden.receiverSupport, now: () => RECEIVER_CLOCK });
      const result = await receive(fixture, receiver);
      expect({ errors: ruleIds(result, 'error'), warnings: ruleIds(result, 'warning') }).toEqual({ errors: tsChecked(fixture.golden.errors), warnings: tsChecked(fixture.golden.warnings) });
      // Where the TypeScript checks alone decide, the verdict is already the golden's.
      const decidedByTs = fixture.golden.errors.every((id) => findRule(id)?.kind === 'implemented-ts');
      if (decidedByTs) expect({ status: result.status, barsCode: result.barsCode }).toEqual({ status: fixture.golden.status, barsCode: fixture.golden.barsCode });
      const rendered = JSON.stringify(result.outcome);
      for (const pid of IDENTIFYING) expect(rendered).not.toContain(pid);
    });
  }
});

describe('fixture files', () => {
  it('are what test/bars/support/write-fixtures.ts writes (no hand edits drift from the declared goldens)', () => {
    for (const file of buildFixtureFiles()) expect(readFileSync(join(FIXTURES_DIR, file.path), 'utf8'), file.path).toBe(file.content);
  });
});
