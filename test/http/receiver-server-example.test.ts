/**
 * docs/http.md's "mount the handler in your own server" example, run: docs/examples/receiver-server.ts
 * imports the published entry points (bars-validator, bars-validator/http — dist/, built by npm
 * install's prepare step), keeps its own route and answers BaRS requests under /bars. The guide
 * must show the file exactly as it is.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReceiverServer } from '../../docs/examples/receiver-server.js';
import { headersFor } from '../bars/support/harness.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const EXAMPLE = join(repoRoot, 'docs/examples/receiver-server.ts');
const VALID = readFileSync(join(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');

it('docs/http.md shows docs/examples/receiver-server.ts exactly', () => {
  const guide = readFileSync(join(repoRoot, 'docs/http.md'), 'utf8');
  expect(guide).toContain('```ts\n' + readFileSync(EXAMPLE, 'utf8') + '```');
});

describeWithShared('the receiver-server example from docs/http.md', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await createReceiverServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps its own routes and answers $process-message, /metadata and oversized bodies under /bars', async () => {
    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const headers = headersFor(JSON.parse(VALID), { 'X-Request-ID': crypto.randomUUID() });
    const accepted = await fetch(`${base}/bars/$process-message`, { method: 'POST', headers, body: VALID });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
    expect((await fetch(`${base}/bars/$process-message`, { method: 'POST', headers, body: VALID })).status).toBe(409);
    const metadata = (await (await fetch(`${base}/bars/metadata`)).json()) as { resourceType: string };
    expect(metadata.resourceType).toBe('CapabilityStatement');
    const tooLarge = await fetch(`${base}/bars/$validate`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: 'x'.repeat(1_000_001) });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});
