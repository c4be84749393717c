/**
 * Runs fhir-test-cases entries through this project's validator: supporting files and
 * in-repo packages are loaded beside R4 core, then `file` is validated against the
 * StructureDefinition named by `profile` (or its base type and meta.profile when null).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createValidator } from '../../src/api/index.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { resourcesFromText } from '../../src/defs/packages/resource-text.js';
import { loadTgzPackage } from '../../src/defs/packages/tgz-package.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import type { ConformanceResource, FhirPackage } from '../../src/defs/types.js';
import type { CaseResult, ConformanceCase } from './cases.js';

interface OutcomeIssue {
  severity: string;
  diagnostics?: string;
  expression?: string[];
  details?: { text?: string };
}

export async function runCases(casesDir: string, cases: ConformanceCase[], core: FhirPackage): Promise<CaseResult[]> {
  const readXml = createXmlResourceReader(createDefinitionSet([core]));
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    results.push(await runCase(casesDir, testCase, core, readXml));
  }
  return results;
}

async function runCase(casesDir: string, testCase: ConformanceCase, core: FhirPackage, readXml: ReturnType<typeof createXmlResourceReader>): Promise<CaseResult> {
  try {
    const supporting: ConformanceResource[] = [];
    const extraFiles = [...testCase.supporting, ...(testCase.profile ? [testCase.profile] : [])];
    for (const file of extraFiles) {
      supporting.push(...resourcesFromText(readFileSync(join(casesDir, file), 'utf8'), file, readXml));
    }
    const packages: FhirPackage[] = [core];
    for (const tgz of testCase.inRepoPackages) packages.push(loadTgzPackage(join(casesDir, tgz), readXml));
    packages.push({ name: 'test.supporting', version: '0.0.0', resources: supporting });
    const validator = await createValidator({ definitions: createDefinitionSet(packages) });

    let profile: string | undefined;
    if (testCase.profile) {
      const sd = resourcesFromText(readFileSync(join(casesDir, testCase.profile), 'utf8'), testCase.profile, readXml)[0];
      profile = sd?.url;
    }
    const text = readFileSync(join(casesDir, testCase.file), 'utf8');
    const outcome = validator.validate(text, { format: testCase.format, ...(profile ? { profile } : {}) }) as { issue: OutcomeIssue[] };
    const errors = outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    return {
      case: testCase,
      ourErrorCount: errors.length,
      ourMessages: errors.map((i) => `${(i.expression ?? []).join(', ')}: ${i.diagnostics ?? i.details?.text ?? ''}`),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A case the harness cannot even set up counts as one error of ours, so it never passes silently.
    return { case: testCase, ourErrorCount: 1, ourMessages: [`harness: ${message}`], harnessError: message };
  }
}
