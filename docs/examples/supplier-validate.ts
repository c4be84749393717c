// A supplier checks a BaRS message before sending it: errors stop the send, the rest is logged.
import { readFileSync } from 'node:fs';
import { createValidator } from 'bars-validator';

const validator = await createValidator(); // loads R4 core, UK Core and the BaRS profiles once
const outcome = validator.validate(readFileSync('fixtures/111-ed/invalid/appointment-two.json', 'utf8'));

for (const issue of outcome.issue) {
  const rule = issue.details?.coding?.[0]?.code;
  console.log(`${issue.severity.padEnd(11)} ${rule?.padEnd(24)} ${issue.expression?.[0] ?? ''}  ${issue.diagnostics}`);
}
const blocking = outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
console.log(blocking.length > 0 ? `not sending: ${blocking.length} error(s)` : 'ok to send');
