/**
 * Cost of parseFhirJson against JSON.parse on BaRS messages (the largest BaRS examples,
 * converted from XML to JSON). Run: `npm run bench:formats`. Prints the medians and ratios;
 * the figures are quoted at the top of src/formats/json-reader.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { parseFhirJson } from '../../src/formats/json-reader.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';
import { hasShared, sharedPath } from '../support/shared.js';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Medians of several runs measured in alternation, so load from elsewhere hits all alike. */
function timeAll(runs: Array<() => void>, rounds: number): number[] {
  for (let i = 0; i < 30; i++) for (const run of runs) run(); // warm up the JIT
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    runs.forEach((run, r) => {
      const t0 = process.hrtime.bigint();
      run();
      samples[r].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return samples.map(median);
}

if (!hasShared) {
  console.log('../shared not found: nothing to measure');
  process.exit(0);
}

const model = createTypeModel(createDefinitionSet([loadR4CorePackage()]));
const dir = sharedPath('bars-ig', 'Examples');
const biggest = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)
  .slice(0, 3);

const messages = biggest.map((file) => {
  const read = parseFhirXml(readFileSync(file, 'utf8'), model);
  if (!read.ok) throw new Error(`${file}: ${read.error.message}`);
  return JSON.stringify(read.resource, null, 2);
});
// One large Bundle made of all their entries, as a heavier case.
const combined = JSON.stringify(
  { resourceType: 'Bundle', type: 'collection', entry: messages.flatMap((m) => (JSON.parse(m) as { entry: unknown[] }).entry) },
  null,
  2,
);

const cases = [
  ...messages.map((m, i) => [`example ${i + 1}`, m] as const),
  ['combined', combined] as const,
  ['combined, minified', JSON.stringify(JSON.parse(combined))] as const,
];
for (const [name, text] of cases) {
  const entries = (JSON.parse(text) as { entry: unknown[] }).entry.length;
  // Five issues near the end of the message: the worst case for look-ups that walk from the start.
  const lastPaths = [...Array(5).keys()].map((i) => `entry[${entries - 1 - (i % entries)}].resource`);
  const allPaths = [...Array(40).keys()].map((i) => `entry[${i % entries}].resource`);
  const [plain, reader, fivePositions, fortyPositions] = timeAll(
    [
      () => JSON.parse(text),
      () => parseFhirJson(text),
      () => {
        const read = parseFhirJson(text);
        if (read.ok) for (const path of lastPaths) read.positionOf(path);
      },
      () => {
        const read = parseFhirJson(text);
        if (read.ok) for (const path of allPaths) read.positionOf(path);
      },
    ],
    500,
  );
  const ratio = (ms: number): string => `${ms.toFixed(3)} ms (${(ms / plain).toFixed(2)}×)`;
  console.log(
    `${name}: ${(text.length / 1024).toFixed(0)} kB  JSON.parse ${plain.toFixed(3)} ms  parseFhirJson ${ratio(reader)}` +
      `  +5 positions ${ratio(fivePositions)}  +40 positions ${ratio(fortyPositions)}`,
  );
}
