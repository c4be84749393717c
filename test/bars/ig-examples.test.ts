/**
 * Every IG example in ../shared/bars-ig/Examples through the full receiver, payload only: its
 * verdict (status, BaRS code, error and warning rule ids) must match the pin in
 * fixtures/ig-examples/verdicts.json, and each defect conformance-resources.md §6 lists for it
 * must be among the issues reported — or be stated, with the reason, as one this receiver does
 * not report (test/bars/support/ig-example-defects.ts). Needs ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/validator.js';
import { describeWithShared } from '../support/shared.js';
import { IG_EXAMPLE_DEFECTS } from './support/ig-example-defects.js';
import { IG_CLOCK, IG_VERDICTS_PATH, listIgExamples, readSpecExampleRows, receiveExample, rowNames, verdictOf, type ExampleVerdict } from './support/ig-examples.js';

describeWithShared('IG examples through the receiver (payload only)', () => {
  let validator: Validator;
  const pinned: Record<string, ExampleVerdict> = existsSync(IG_VERDICTS_PATH) ? JSON.parse(readFileSync(IG_VERDICTS_PATH, 'utf8')) : {};
  const files = listIgExamples();
  const rows = readSpecExampleRows();

  beforeAll(async () => {
    validator = await createValidator({ now: () => IG_CLOCK });
  });

  it('pins a verdict for every example and for nothing else (npx tsx test/bars/support/write-ig-verdicts.ts)', () => {
    expect(files.length).toBe(67);
    expect(Object.keys(pinned).sort()).toEqual(files);
  });

  it('has a spec row for every example, and a defect entry for every message example', () => {
    for (const file of files) expect(rows.filter((r) => rowNames(r.fileCell, file)).length, file).toBeGreaterThan(0);
    const messages = files.filter((f) => /^(BOOK|REF|SERV|VAL)/.test(f));
    expect(Object.keys(IG_EXAMPLE_DEFECTS).sort()).toEqual(messages);
  });

  for (const file of files) {
    it(file, async () => {
      const result = await receiveExample(validator.createReceiver({ store: null }), file);
      const verdict = verdictOf(result);
      expect(verdict).toEqual(pinned[file]);
      const reported = new Set([...verdict.errors, ...verdict.warnings]);
      const row = rows.find((r) => rowNames(r.fileCell, file))!;
      const entry = IG_EXAMPLE_DEFECTS[file];
      if (!entry) {
        // Single resources and OperationOutcomes are not messages: rejected as such, whatever their defects.
        expect([verdict.status, verdict.errors.includes('CORE-BUNDLE-01')]).toEqual([400, true]);
        return;
      }
      const keys = [...Object.keys(entry.flagged ?? {}), ...Object.keys(entry.tolerated ?? {}), ...Object.keys(entry.notFlagged ?? {})];
      // Every defect entry quotes the spec row, and every listed defect has an entry.
      for (const key of keys) expect(row.row, `not in the spec row: ${key}`).toContain(key);
      for (const defect of row.defects) expect(keys.some((k) => defect.includes(k)), `no entry for the spec's defect "${defect}"`).toBe(true);
      for (const [defect, rules] of Object.entries(entry.flagged ?? {})) for (const rule of rules) expect(reported.has(rule), `${defect}: ${rule} not reported`).toBe(true);
      for (const [defect, rules] of Object.entries(entry.tolerated ?? {})) for (const rule of rules) expect(reported.has(rule), `${defect}: ${rule} must be tolerated`).toBe(false);
    });
  }
});
