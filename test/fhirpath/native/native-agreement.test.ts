/**
 * The native evaluator against fhirpath.js on real inputs: every invariant evaluation the
 * validator makes on every fixture message, on the IG's examples and on the HL7 validator's
 * R4 test cases is answered by both (the `crossCheck` option) and must agree. The test also
 * pins that the native evaluator does answer nearly all of them, so the speed it brings is
 * not lost silently.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../../src/api/index.js';
import type { NativeCrossCheck } from '../../../src/fhirpath/index.js';
import { createTypeModel } from '../../../src/formats/type-model.js';
import { parseFhirXml } from '../../../src/formats/xml-reader.js';
import { describeWithShared, repoRoot, sharedPath } from '../../support/shared.js';

interface Tally {
  checks: NativeCrossCheck[];
  current: string;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return path.endsWith('.json') && !path.endsWith('.verdict.json') ? [path] : [];
  });
}

/**
 * By design the native evaluator answers membership of several items as the HL7 Java validator
 * does (each item in the list), where fhirpath.js refuses it (R4's tim-9 on a repeating `when`).
 */
function isJavaMembership(check: NativeCrossCheck): boolean {
  const { native, fhirpathJs } = check;
  return native !== 'fallback' && native.ok && !fhirpathJs.ok && /^Expected singleton on (left|right) side of (in|contains)\b/.test(fhirpathJs.error);
}

function summary(tally: Tally, from: number) {
  const checks = tally.checks.slice(from);
  const disagreements = checks.filter((c) => !c.agree && !isJavaMembership(c)).map((c) => `${(c as { file?: string }).file}: ${c.expression} @${c.nodePath}: native ${JSON.stringify(c.native)}, fhirpath.js ${JSON.stringify(c.fhirpathJs)}`);
  const fallbacks = checks.filter((c) => c.native === 'fallback').length;
  return { checks: checks.length, fallbacks, disagreements };
}

let validator: Validator;
const tally: Tally = { checks: [], current: '' };

beforeAll(async () => {
  validator = await createValidator({ fhirPath: { crossCheck: (check) => tally.checks.push({ ...check, file: tally.current } as NativeCrossCheck) } });
}, 60_000);

describe('native FHIRPath evaluation agrees with fhirpath.js', () => {
  it('on every fixture message, with the BaRS profiles and invariants', () => {
    const from = tally.checks.length;
    const files = jsonFiles(join(repoRoot, 'fixtures'));
    for (const file of files) {
      tally.current = file.slice(repoRoot.length + 1);
      validator.validate(readFileSync(file, 'utf8'));
    }
    const result = summary(tally, from);
    expect(result.disagreements).toEqual([]);
    expect(files.length).toBeGreaterThan(120);
    // Thousands of invariant evaluations, nearly all answered natively.
    expect(result.checks).toBeGreaterThan(3000);
    expect(result.fallbacks / result.checks).toBeLessThan(0.02);
  });
});

describeWithShared('native FHIRPath evaluation agrees with fhirpath.js on ../shared', () => {
  it("on the BaRS IG's examples", () => {
    const from = tally.checks.length;
    const dir = sharedPath('bars-ig', 'Examples');
    const model = createTypeModel(validator.definitions);
    let read = 0;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.xml'))) {
      const parsed = parseFhirXml(readFileSync(join(dir, name), 'utf8'), model);
      if (!parsed.ok) continue;
      read++;
      tally.current = name;
      validator.validate(JSON.stringify(parsed.resource));
    }
    const result = summary(tally, from);
    expect(read).toBeGreaterThan(60);
    expect(result.disagreements).toEqual([]);
    expect(result.checks).toBeGreaterThan(1000);
    expect(result.fallbacks / result.checks).toBeLessThan(0.02);
  });

  it("on the HL7 validator's R4 test cases (base definitions)", () => {
    const from = tally.checks.length;
    const cases = JSON.parse(readFileSync(sharedPath('fhir-test-cases', 'r4-cases.json'), 'utf8')) as Array<{ file: string }>;
    for (const testCase of cases) {
      tally.current = testCase.file;
      validator.validate(readFileSync(sharedPath('fhir-test-cases', testCase.file)), { bars: false });
    }
    const result = summary(tally, from);
    expect(result.disagreements).toEqual([]);
    expect(result.checks).toBeGreaterThan(300);
    expect(result.fallbacks / result.checks).toBeLessThan(0.05);
  });
});
