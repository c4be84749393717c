/**
 * The BaRS receiver with the real profile engine plugged in (validator.createReceiver: the engine wiring the library itself uses):
 * the valid fixtures stay acceptable, and an FSH invariant failure comes back under its rule id
 * with the registry's BaRS code. Needs ../shared (UK Core) for the engine's definitions.
 */
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/validator.js';
import type { Receiver } from '../../src/bars/receiver.js';
import { describeWithShared } from '../support/shared.js';
import { VALID_MESSAGES, validationRequest } from './support/fixture-messages.js';
import { headersFor } from './support/harness.js';

describeWithShared('BaRS receiver with the profile engine', () => {
  let receiver: Receiver;
  let validator: Validator;

  beforeAll(async () => {
    validator = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
    receiver = validator.createReceiver({ store: null });
  });

  for (const [name, { build }] of Object.entries(VALID_MESSAGES)) {
    it(`accepts the valid ${name} with no errors`, async () => {
      const body = build();
      const result = await receiver.receive({ headers: headersFor(body), body });
      expect(result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
      expect(result.status).toBe(200);
    });
  }

  it('reports a missing scene-safety Flag through the FSH invariant APP-999CAS-12 with 400 REC_BAD_REQUEST', async () => {
    const body = validationRequest();
    body.entry = body.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType !== 'Flag');
    const result = await receiver.receive({ headers: headersFor(body), body });
    expect(result).toMatchObject({ status: 400, barsCode: 'REC_BAD_REQUEST' });
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.ruleId)).toEqual(['APP-999CAS-12']);
  });
});
