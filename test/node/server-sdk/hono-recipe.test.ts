import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { API_KEY, SESSION_ID, startFakeRelay, type FakeRelay } from './fake-relay.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const APPLICATION = 'loan-2026-0042';

describe('docs/server-sdk.md: the Hono recipe, run against a loopback relay', () => {
  let relay: FakeRelay;
  let app: Hono;

  before(async () => {
    relay = await startFakeRelay();
    process.env['MYNA_RELAY_URL'] = relay.origin;
    process.env['MYNA_API_KEY'] = API_KEY;
    ({ app } = await import('./hono-provider.js'));
  });
  after(() => relay.close());

  const submit = (fields: Record<string, string>) => app.request(`/loan/${APPLICATION}`, { method: 'POST', body: new URLSearchParams(fields) });

  it('renders the form with the session’s client token, never the API key', async () => {
    const page = await (await app.request(`/loan/${APPLICATION}`)).text();
    assert.match(page, /<myna-fetch-button relay="http:\/\/127\.0\.0\.1:\d+" session="ct_0123456789abcdefghij">/);
    assert.ok(!page.includes(API_KEY));
    assert.deepEqual(JSON.parse(relay.requests.at(-1)!.body), { items: ['localTax.salaryRevenue'], purpose: 'mortgage-prescreen', reference: APPLICATION });
  });

  it('asks the submitter to wait while the result is not ready', async () => {
    assert.equal((await submit({ myna_session_id: SESSION_ID, annualIncome: '567' })).status, 503);
  });

  it('marks an edited income unverified, and refuses a session id of another application', async () => {
    relay.results.set(SESSION_ID, { token: await relay.sign(relay.claims()) });
    assert.deepEqual(await (await submit({ myna_session_id: SESSION_ID, annualIncome: '600' })).json(), {
      annualIncomeYen: 6_000_000,
      verified: false,
      subject: 'psub_3kq9X2',
    });
    assert.equal((await submit({ myna_session_id: 'ses_of_someone_else', annualIncome: '567' })).status, 400);
    assert.deepEqual(await (await submit({ annualIncome: '567' })).json(), { annualIncomeYen: 5_670_000, verified: false });
  });

  it('verifies the fetched income against the signed result, then deletes the session', async () => {
    assert.deepEqual(await (await submit({ myna_session_id: SESSION_ID, annualIncome: '567' })).json(), {
      annualIncomeYen: 5_670_000,
      verified: true,
      subject: 'psub_3kq9X2',
    });
    assert.equal(relay.requests.at(-1)!.method, 'DELETE');
  });

  it('is shown verbatim in docs/server-sdk.md', () => {
    const region = /\/\/ #region hono-provider\n([\s\S]*?)\/\/ #endregion hono-provider\n/.exec(read('test/node/server-sdk/hono-provider.ts'));
    assert.ok(region, 'region found');
    assert.ok(read('docs/server-sdk.md').includes(region[1]!.trimEnd()), 'the doc holds the region verbatim');
  });
});
