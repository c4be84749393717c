/**
 * Cost of snapshot generation. Run: `npm run bench:snapshot`. Prints medians (ms) for
 * every UK Core StructureDefinition of a folder generated with one fresh cache (what the
 * local package cache build does), cold (first run in the process) and warm, and for
 * regenerating the 439 R4 core constraint profiles.
 */
import type { StructureDefinition } from 'fhir/r4.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import { loadUkCoreSourcePackage, type UkCoreVariant } from '../../src/defs/ukcore.js';
import { hasShared, sharedDir } from '../support/shared.js';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function generateAll(profiles: StructureDefinition[], defs: DefinitionSet): number {
  const cache = createSnapshotCache();
  const started = performance.now();
  for (const sd of profiles) generateSnapshot(sd, defs, { cache });
  return performance.now() - started;
}

function bench(label: string, profiles: StructureDefinition[], defs: DefinitionSet, rounds: number): void {
  const cold = generateAll(profiles, defs);
  const warm = Array.from({ length: rounds }, () => generateAll(profiles, defs));
  console.log(`${label}: ${profiles.length} StructureDefinitions, cold ${cold.toFixed(0)} ms, warm median ${median(warm).toFixed(0)} ms (${rounds} rounds)`);
}

const core = loadR4CorePackage();
const coreDefs = createDefinitionSet([core]);
if (hasShared) {
  const readXml = createXmlResourceReader(coreDefs);
  for (const variant of ['stu1', 'stu2'] as UkCoreVariant[]) {
    const ukCore = loadUkCoreSourcePackage(sharedDir, variant, readXml);
    const profiles = ukCore.resources.filter((r) => r.resourceType === 'StructureDefinition') as unknown as StructureDefinition[];
    bench(`UK Core ${variant}`, profiles, createDefinitionSet([core, ukCore]), 10);
  }
} else {
  console.log('../shared not found: UK Core timings skipped');
}
const coreProfiles = coreDefs.all('StructureDefinition').filter((r) => r.derivation === 'constraint') as unknown as StructureDefinition[];
bench('R4 core constraint profiles', coreProfiles, coreDefs, 5);
