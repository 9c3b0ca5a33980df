import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMynaRelayClient, MynaRelayError, type CreateSessionRequest } from '../../../src/server-sdk/index.js';
import { API_KEY, CLIENT_ID, SESSION_ID, startFakeRelay, type FakeRelay } from './fake-relay.js';

const REQUEST: CreateSessionRequest = { items: ['localTax.salaryRevenue'], purpose: 'mortgage-prescreen', reference: 'loan-2026-0042' };

describe('server SDK: sessions on the relay (createSession, getSession, deleteSession)', () => {
  let relay: FakeRelay;
  const client = () => createMynaRelayClient({ relayUrl: relay.origin, apiKey: API_KEY, clientId: CLIENT_ID });

  before(async () => {
    relay = await startFakeRelay();
  });
  after(() => relay.close());
  beforeEach(() => {
    relay.requests.length = 0;
    relay.results.clear();
  });

  it('creates, reads and deletes a session with the Bearer key and without an Origin header', async () => {
    const created = await client().createSession(REQUEST);
    assert.equal(created.sessionId, SESSION_ID);
    assert.equal(created.clientToken, 'ct_0123456789abcdefghij');
    const answer = await client().getSession(created.sessionId);
    assert.equal(answer.status, 'pending');
    await client().deleteSession(created.sessionId);

    assert.deepEqual(
      relay.requests.map((request) => `${request.method} ${request.path}`),
      ['POST /v1/sessions', `GET /v1/sessions/${SESSION_ID}`, `DELETE /v1/sessions/${SESSION_ID}`],
    );
    for (const request of relay.requests) {
      assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
      assert.equal(request.headers.origin, undefined);
    }
    assert.equal(relay.requests[0]!.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(relay.requests[0]!.body), REQUEST);
  });

  it('sends the Idempotency-Key header when given one, and none otherwise', async () => {
    await client().createSession(REQUEST, { idempotencyKey: 'order-7f3a-attempt' });
    await client().createSession(REQUEST);
    assert.equal(relay.requests[0]!.headers['idempotency-key'], 'order-7f3a-attempt');
    assert.equal(relay.requests[1]!.headers['idempotency-key'], undefined);
  });

  it('refuses bad input with a TypeError before any request', async () => {
    const bad: [what: string, call: () => Promise<unknown>][] = [
      ['no items', () => client().createSession({ ...REQUEST, items: [] })],
      ['a purpose that is not an id', () => client().createSession({ ...REQUEST, purpose: 'Mortgage Prescreen' })],
      ['an unknown member', () => client().createSession({ ...REQUEST, extra: 1 } as CreateSessionRequest)],
      ['a date that is not one', () => client().createSession({ ...REQUEST, query: 'at', at: '2026-02-30' })],
      ['an empty subject', () => client().createSession({ ...REQUEST, subject: {} })],
      ['an idempotency key with a newline', () => client().createSession(REQUEST, { idempotencyKey: 'a\nb' })],
      ['an empty session id', () => client().getSession('')],
      ['a session id that is not a string', () => client().getResult(42 as unknown as string)],
      ['an empty session id to delete', () => client().deleteSession('')],
    ];
    for (const [what, call] of bad) await assert.rejects(call(), TypeError, what);
    assert.throws(() => createMynaRelayClient({ relayUrl: 'relay.example', apiKey: API_KEY, clientId: CLIENT_ID }), TypeError);
    assert.throws(() => createMynaRelayClient({ relayUrl: relay.origin, apiKey: '', clientId: CLIENT_ID }), TypeError);
    assert.throws(() => createMynaRelayClient({ relayUrl: relay.origin, apiKey: `${API_KEY}\n`, clientId: CLIENT_ID }), TypeError);
    assert.equal(relay.requests.length, 0);
  });

  it('turns a problem document into a MynaRelayError with status, code, detail and retryable', async () => {
    const wrongKey = createMynaRelayClient({ relayUrl: relay.origin, apiKey: 'myna_test_WRONG', clientId: CLIENT_ID });
    await assert.rejects(wrongKey.getSession(SESSION_ID), (error: unknown) => {
      assert.ok(error instanceof MynaRelayError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'unauthorized');
      assert.equal(error.detail, 'test relay: unauthorized');
      assert.equal(error.retryable, false);
      assert.equal(error.problem?.type, 'urn:myna-fetch:problem:unauthorized');
      return true;
    });
    await assert.rejects(client().getSession('ses_unknown'), { name: 'MynaRelayError', status: 404, code: 'unknown-session', retryable: false });
  });

  it('reports result-not-ready as retryable with the session status, result-purged as final', async () => {
    await assert.rejects(client().getResult(SESSION_ID), (error: unknown) => {
      assert.ok(error instanceof MynaRelayError);
      assert.deepEqual([error.status, error.code, error.retryable, error.sessionStatus], [409, 'result-not-ready', true, 'pending']);
      return true;
    });
    relay.results.set(SESSION_ID, { problem: 'result-purged' });
    await assert.rejects(client().getResult(SESSION_ID), { status: 410, code: 'result-purged', retryable: false, sessionStatus: undefined });
  });

  it('reports an unreachable relay as retryable relay-unreachable, with no status', async () => {
    const closed = await startFakeRelay();
    await closed.close();
    const unreachable = createMynaRelayClient({ relayUrl: closed.origin, apiKey: API_KEY, clientId: CLIENT_ID });
    await assert.rejects(unreachable.getSession(SESSION_ID), { name: 'MynaRelayError', status: null, code: 'relay-unreachable', retryable: true });
  });

  it('reports an answer outside the protocol as unexpected-answer', async () => {
    const lying = createMynaRelayClient({
      relayUrl: relay.origin,
      apiKey: API_KEY,
      clientId: CLIENT_ID,
      fetch: async () => new Response(JSON.stringify({ sessionId: 7 }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await assert.rejects(lying.getSession(SESSION_ID), { code: 'unexpected-answer', status: 200, retryable: false });
    const proxy = createMynaRelayClient({
      relayUrl: relay.origin,
      apiKey: API_KEY,
      clientId: CLIENT_ID,
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    });
    await assert.rejects(proxy.getSession(SESSION_ID), { code: 'unexpected-answer', status: 502, retryable: true });
  });
});
