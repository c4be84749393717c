/**
 * Quick local timing of the validation engine (not a test; `npm run bench` is the real
 * benchmark): validator setup, then the median time to validate a message Bundle (default:
 * the IG's 111→ED referral read from ../shared, else fixtures/engine/referral-111-ed.json)
 * against JSON.parse of the same bytes.
 *   npx tsx scripts/engine-timing.ts [file] [runs]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createValidator } from '../src/api/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const igExample = resolve(root, '..', 'shared', 'bars-ig', 'Examples', 'REFREQ01 - Referral Service Request New Full - 111 to ED.xml');
const file = process.argv[2] ?? (existsSync(igExample) ? igExample : resolve(root, 'fixtures', 'engine', 'referral-111-ed.json'));
const runs = Number(process.argv[3] ?? 50);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const t0 = performance.now();
const validator = await createValidator();
const setupMs = performance.now() - t0;

const read = validator.validateToIssues(readFileSync(file, 'utf8'));
const json = JSON.stringify(read.resource);
const first = performance.now();
validator.validate(json);
const firstMs = performance.now() - first;

const validateTimes: number[] = [];
const parseTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  JSON.parse(json);
  parseTimes.push(performance.now() - t);
  t = performance.now();
  validator.validate(json);
  validateTimes.push(performance.now() - t);
}
const v = median(validateTimes);
const p = median(parseTimes);
console.log(`file            ${file}`);
console.log(`bytes           ${json.length}`);
console.log(`setup           ${setupMs.toFixed(0)} ms`);
console.log(`first validate  ${firstMs.toFixed(1)} ms (plans compiled)`);
console.log(`validate median ${v.toFixed(2)} ms over ${runs} runs`);
console.log(`JSON.parse      ${p.toFixed(3)} ms  → ratio ${(v / p).toFixed(0)}×`);
