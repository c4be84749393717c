/**
 * SUSHI builds a profile on a UK Core profile fully offline, from the local package cache
 * (HOME=.fhir-home): this is what the cache's generated snapshots are for (SUSHI refuses a
 * parent without one). Its three automatic dependencies (hl7.fhir.uv.tools.r4,
 * hl7.terminology.r4, hl7.fhir.uv.extensions.r4) cannot be fetched; FPL_REGISTRY points at a
 * closed local port so no download is even attempted over the network, and SUSHI reports
 * each as a warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectFhirHome } from '../../src/defs/project-paths.js';
import { UK_CORE_SOURCES } from '../../src/defs/ukcore.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const stu1 = UK_CORE_SOURCES.stu1;

describeWithShared('SUSHI offline against the local UK Core STU1 package', () => {
  let project: string;
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'bars-sushi-'));
    mkdirSync(join(project, 'input', 'fsh'), { recursive: true });
    writeFileSync(
      join(project, 'sushi-config.yaml'),
      [
        'canonical: https://example.org',
        'status: draft',
        'version: 0.1.0',
        'fhirVersion: 4.0.1',
        'FSHOnly: true',
        'dependencies:',
        `  ${stu1.name}: ${stu1.version}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'input', 'fsh', 'profile.fsh'),
      ['Profile: TestServiceRequest', 'Parent: UKCore-ServiceRequest', 'Id: test-service-request', '* authoredOn 1..1', '* intent = #order', ''].join('\n'),
    );
    run = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'fsh-sushi', 'dist', 'app.js'), 'build', project], {
      env: { ...process.env, HOME: projectFhirHome(), USERPROFILE: projectFhirHome(), FPL_REGISTRY: 'http://127.0.0.1:9' },
      encoding: 'utf8',
    });
  });

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('exits 0 with 0 errors, warning only about the three automatic dependencies', () => {
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/\b0 Errors\b/);
    const warnings = output.split('\n').filter((line) => line.startsWith('warn'));
    expect(warnings.map((w) => /automatically-provided (\S+)#latest/.exec(w)?.[1]).sort()).toEqual(
      ['hl7.fhir.uv.extensions.r4', 'hl7.fhir.uv.tools.r4', 'hl7.terminology.r4'],
    );
    expect(output).toContain(`Loaded ${stu1.name}#${stu1.version}`);
    expect(output).toContain('Loaded hl7.fhir.r4.core#4.0.1');
  });

  it('writes the profile on UKCore-ServiceRequest with its constraints', () => {
    const file = join(project, 'fsh-generated', 'resources', 'StructureDefinition-test-service-request.json');
    const sd = JSON.parse(readFileSync(file, 'utf8')) as {
      baseDefinition: string;
      type: string;
      differential: { element: Array<{ id: string; min?: number; patternCode?: string }> };
    };
    expect(sd.baseDefinition).toBe('https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest');
    expect(sd.type).toBe('ServiceRequest');
    const byId = new Map(sd.differential.element.map((e) => [e.id, e]));
    expect(byId.get('ServiceRequest.authoredOn')?.min).toBe(1);
    expect(byId.get('ServiceRequest.intent')?.patternCode).toBe('order');
  });
});
