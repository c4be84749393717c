// A receiver answers an incoming BaRS request: HTTP status, BaRS error code and OperationOutcome.
import { readFileSync } from 'node:fs';
import { createValidator } from 'bars-validator';

const validator = await createValidator(); // one per process; its duplicate-request store is in memory
const body = readFileSync('fixtures/111-ed/valid/referral-new.json', 'utf8');
const headers = {
  'X-Request-ID': '4f7a2c1e-8b3d-4e6f-9a05-1c2b3d4e5f60',
  'X-Correlation-ID': '9e8d7c6b-5a49-4c3b-8a2f-0e1d2c3b4a59',
  'NHSD-Target-Identifier': Buffer.from(JSON.stringify({ system: 'https://fhir.nhs.uk/Id/dos-service-id', value: '2000048811' })).toString('base64'),
  Accept: 'application/fhir+json; version=1.0.0',
  'Content-Type': 'application/fhir+json',
};

for (const attempt of ['first', 'repeat']) {
  const answer = await validator.receive({ headers, body });
  const errors = answer.outcome.issue.filter((i) => i.severity === 'error').map((i) => i.details?.coding?.map((c) => c.code).join('/'));
  console.log(`${attempt}: ${answer.status} ${answer.barsCode ?? ''} ${errors.join(', ')}`.trim());
}
