/**
 * `npm run conformance`: every run of ../shared/fhir-test-cases/r4-cases.json through this
 * validator; writes docs/conformance.md and prints the headline figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { agreement, percent, readCases, renderReport } from './cases.js';
import { runCases } from './run-cases.js';
import { hasShared, repoRoot, sharedPath, SHARED_MISSING_MESSAGE } from '../support/shared.js';

async function main(): Promise<number> {
  if (!hasShared) {
    console.error(SHARED_MISSING_MESSAGE);
    return 2;
  }
  const casesDir = sharedPath('fhir-test-cases');
  const filter = process.argv[2];
  const cases = readCases(casesDir).filter((c) => !filter || c.id.includes(filter));
  const started = Date.now();
  const results = await runCases(casesDir, cases, loadR4CorePackage());
  const durationMs = Date.now() - started;
  const offline = agreement(results.filter((r) => !r.case.txRisk));
  console.log(
    `excluding txRisk: ${offline.runs} runs, strict ${percent(offline.strict, offline.runs)}, loose ${percent(offline.loose, offline.runs)}, ` +
      `false alarms ${offline.falseAlarms}/${offline.expectingNone} (${percent(offline.falseAlarms, offline.expectingNone)}), misses ${offline.misses}`,
  );
  if (!filter) {
    writeFileSync(join(repoRoot, 'docs', 'conformance.md'), renderReport(results, { date: new Date().toISOString().slice(0, 10), durationMs }));
    console.log('wrote docs/conformance.md');
  } else {
    for (const r of results) console.log(`${r.case.id}: expected ${r.case.expectedErrorCount}, ours ${r.ourErrorCount}\n  ${r.ourMessages.join('\n  ')}`);
  }
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
