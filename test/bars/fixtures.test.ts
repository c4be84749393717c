/**
 * Every fixture under fixtures/{111-ed,999-cas} against its golden verdict: status, BaRS code and
 * the exact sets of error and warning rule ids the BaRS layer reports. Profile validation is not
 * wired yet, so the receiver runs without `validate` (FSH-invariant rules are not exercised here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/bars/receiver.js';
import { FIXTURES_DIR, headersFor, listFixtures, messageDefinitionSet } from './support/harness.js';
import { buildFixtureFiles } from './support/write-fixtures.js';

const definitions = messageDefinitionSet();
const RECEIVER_CLOCK = new Date('2025-03-14T12:00:00Z');
const fixtures = listFixtures();

describe('BaRS fixtures', () => {
  it('exist for both Applications, valid and invalid', () => {
    for (const app of ['111-ed', '999-cas']) {
      expect(fixtures.filter((f) => f.application === app && f.kind === 'valid').length).toBeGreaterThan(0);
      expect(fixtures.filter((f) => f.application === app && f.kind === 'invalid').length).toBeGreaterThan(0);
    }
  });

  for (const fixture of fixtures) {
    it(`${fixture.application}/${fixture.kind}/${fixture.name}`, async () => {
      const text = readFileSync(fixture.messagePath, 'utf8');
      const receiver = createReceiver({ definitions, store: null, supported: fixture.golden.receiverSupport, now: () => RECEIVER_CLOCK });
      const result = await receiver.receive({ headers: headersFor(JSON.parse(text), fixture.golden.headers), body: text });
      const ids = (severity: 'error' | 'warning') => [...new Set(result.issues.filter((i) => (severity === 'error' ? i.severity === 'error' || i.severity === 'fatal' : i.severity === severity)).map((i) => i.ruleId))].sort();
      expect({ status: result.status, barsCode: result.barsCode, errors: ids('error'), warnings: ids('warning') }).toEqual({
        status: fixture.golden.status,
        barsCode: fixture.golden.barsCode,
        errors: fixture.golden.errors,
        warnings: fixture.golden.warnings,
      });
      // CORE-OO-04: diagnostics never carry the fixture patient's identifying data.
      const rendered = JSON.stringify(result.outcome);
      for (const pid of ['9990004417', 'Marchbank', 'Elowen', '07700', 'Quarry Lane', 'NE99']) expect(rendered).not.toContain(pid);
      if (fixture.kind === 'valid') expect(fixture.golden.status).toBe(200);
      else expect(fixture.golden.errors.length + fixture.golden.warnings.length).toBeGreaterThan(0);
    });
  }
});

describe('fixture files', () => {
  it('are what test/bars/support/write-fixtures.ts writes (no hand edits drift from the declared goldens)', () => {
    for (const file of buildFixtureFiles()) expect(readFileSync(join(FIXTURES_DIR, file.path), 'utf8'), file.path).toBe(file.content);
  });
});
