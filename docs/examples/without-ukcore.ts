// What a fresh install without ../shared sees: the loader is pointed at an empty shared folder and an
// empty local package cache, so only R4 core and the BaRS profiles (generated/) are loaded.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createValidator } from 'bars-validator';

const empty = mkdtempSync(join(tmpdir(), 'no-ukcore-'));
const validator = await createValidator({
  load: { sharedDir: join(empty, 'shared'), localCacheDir: join(empty, 'cache'), onIssue: (i) => console.log(`load: ${i.severity} ${i.ruleId}`) },
});
const outcome = validator.validate(readFileSync('fixtures/111-ed/valid/referral-new.json', 'utf8'));
for (const i of outcome.issue) console.log(`${i.severity.padEnd(11)} ${i.details?.coding?.[0]?.code?.padEnd(24)} ${i.diagnostics}`);
