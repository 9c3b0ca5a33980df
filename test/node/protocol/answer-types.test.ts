import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { availabilityAnswer, fallbackRegistered, flowResult } from '../../../src/protocol/index.js';
import { answer } from '../../../src/server/http/answer.js';

/**
 * Type-level: `tsc` (npm test's first step) compiles this file, and each `@ts-expect-error` fails
 * the build if the line below it compiles — i.e. if a route could answer a shape the protocol does
 * not name. Every relay route answers JSON through `answer()` (an ESLint rule refuses `c.json`).
 */
const app = new Hono();
app.get('/registered', (c) => answer(c, fallbackRegistered, { registrationId: 'r1' }, 202));
app.get('/pending', (c) => answer(c, flowResult, { status: 'pending', elapsedMs: 3 }));
// @ts-expect-error — a member the protocol does not have
app.get('/extra', (c) => answer(c, fallbackRegistered, { registrationId: 'r1', email: 'x@example.jp' }));
// @ts-expect-error — a status the union does not have
app.get('/done', (c) => answer(c, flowResult, { status: 'done' }));
// @ts-expect-error — the unit spelled as it drifted once ('yen' instead of 'JPY')
app.get('/yen', (c) => answer(c, flowResult, { status: 'success', result: { items: [], query: { method: 'latest' }, retrievedAt: '', consent: { service: '', purpose: '', retainUntil: '' }, records: [{ asOf: '2025-06-01', values: [{ key: 'k', labelJa: '', labelEn: '', infoNumber: null, kind: 'amount', unit: 'yen', value: 1 }] }] } }));
// @ts-expect-error — a required member missing
app.get('/partial', (c) => answer(c, availabilityAnswer, { available: true, at: '' }));

describe('answer(): the typed edge of every JSON route', () => {
  it('answers the body with the status given', async () => {
    const response = await app.request('/registered');
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), { registrationId: 'r1' });
    assert.deepEqual(await (await app.request('/pending')).json(), { status: 'pending', elapsedMs: 3 });
  });
});
