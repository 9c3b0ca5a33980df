import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compactDecrypt, createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, type JSONWebKeySet } from 'jose';
import { resultClaims, sessionAnswer, type ResultClaims } from '../../../src/protocol/index.js';
import { apiKeyHash, DEV_API_KEY, generateApiKey, silentLogger } from '../../../src/server/index.js';
import { acceptingPortal, ALWAYS_OPEN, HOST_ORIGIN, startBody, temporaryDir, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { createSealer } from '../../../src/server/seal.js';
import { createMynaRelayClient, MynaRelayError, MynaResultVerificationError } from '../../../src/server-sdk/index.js';
import {
  consentAndAuthenticate,
  openConsentScreen,
  pollResult,
  ScriptedBrowser,
  startFlow,
  startHarness,
  type Harness,
  type StartedFlow,
} from '../../support/harness.js';
import { startStack, testApp, type Stack } from '../../support/stack.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };
const TARO_OTHER = { persona: 'yamada-taro-other', pin: '6789' };
/** The demo applicant as the provider knows them: spaces and kana written differently from the card. */
const APPLICANT = { name: '山田太郎', nameKana: 'やまだ たろう', birthDate: '1985-04-12' };

function provider(relayOrigin: string, key = DEV_API_KEY) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${relayOrigin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    call,
    async create(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await call('POST', '/v1/sessions', { items: ['localTax.salaryRevenue', 'localTax.taxYear'], purpose: 'mortgage-prescreen', reference: 'APP-0001', ...body }, headers);
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as { sessionId: string; clientToken: string; expiresAt: string };
    },
    async status(sessionId: string) {
      const response = await call('GET', `/v1/sessions/${sessionId}`);
      assert.equal(response.status, 200, await response.clone().text());
      return sessionAnswer.parse(await response.json());
    },
    result: (sessionId: string) => call('GET', `/v1/sessions/${sessionId}/result`),
  };
}

/** Consent at the sandbox with `card`, then the widget's polls until the flow settles. */
async function consentAndPoll(harness: Harness, flow: StartedFlow, card = TARO) {
  const browser = new ScriptedBrowser();
  const screens = await openConsentScreen(browser, harness, flow);
  await browser.request(await consentAndAuthenticate(browser, harness, screens, card));
  return pollResult(harness, flow);
}

async function verify(harness: Harness, jwt: string, audience = 'demo'): Promise<ResultClaims> {
  const jwks = (await (await fetch(`${harness.relayOrigin}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    issuer: harness.config.publicUrl,
    audience,
    typ: 'myna-result+jwt',
    algorithms: ['ES256'],
  });
  assert.equal(protectedHeader.kid, harness.relay.keys.results[0]!.kid, 'signed by the result key, not the portal-auth key');
  return resultClaims.parse(payload);
}

describe('provider sessions over real HTTP, with the sandbox as the portal', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('the whole loop: create, bound disclosure and flow, consent, verified result signed for the provider, delete', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create({ query: 'at', at: '2025-06-01' });
    assert.match(created.clientToken, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await api.status(created.sessionId)).status, 'created');

    // The bound button's disclosure: the session's items and the configured purpose, never the page's.
    const disclosure = await fetch(`${harness.relayOrigin}/v1/disclosure`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ session: created.clientToken }) });
    assert.equal(disclosure.status, 200);
    const shown = (await disclosure.json()) as Record<string, unknown>;
    assert.equal(shown['purpose'], '住宅ローンの事前審査（デモ）');
    assert.equal(shown['sessionId'], created.sessionId);
    assert.deepEqual(shown['query'], { method: 'at', at: '2025-06-01' });

    // The request's own items and query are not read: the session decides.
    const flow = await startFlow(harness, { session: created.clientToken, items: ['household'], query: { method: 'latest' } });
    const polled = await consentAndPoll(harness, flow);
    assert.equal(polled.body['status'], 'success', JSON.stringify(polled.body));
    const result = polled.body['result'] as { sessionId: string; items: string[]; query: unknown };
    assert.equal(result.sessionId, created.sessionId);
    assert.deepEqual(result.items, ['localTax.salaryRevenue', 'localTax.taxYear']);

    const status = await api.status(created.sessionId);
    assert.equal(status.status, 'completed');
    assert.equal(status.reference, 'APP-0001');
    assert.ok(status.completedAt !== null && status.resultExpiresAt !== null);

    const response = await api.result(created.sessionId);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/jwt');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const jwt = await response.text();
    const claims = await verify(harness, jwt);
    assert.equal(claims.sid, created.sessionId);
    assert.equal(claims.ref, 'APP-0001');
    assert.equal(claims.source, 'mynaportal');
    assert.deepEqual(claims.purpose, { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査（デモ）', en: 'Mortgage pre-screening (demo)' });
    assert.deepEqual(claims.query, { method: 'at', at: '2025-06-01' });
    assert.equal(claims.exp - claims.iat, 300);
    assert.match(claims.retain_until, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(claims.records, [
      {
        asOf: '2025-06-01',
        values: [
          { key: 'localTax.salaryRevenue', infoNumber: '2', status: 'present', value: 5_670_000, unit: 'JPY' },
          { key: 'localTax.taxYear', infoNumber: '2', status: 'present', value: 2025, unit: null },
        ],
      },
    ]);
    assert.notEqual(claims.sub, 'yamada-taro');
    assert.ok(!jwt.includes('yamada'), 'the sandbox account id never leaves the relay');

    // Fetchable again until its lifetime ends (a backend that lost the answer retries).
    assert.equal((await verify(harness, await (await api.result(created.sessionId)).text())).sub, claims.sub);
    // The client token is spent: a finished session starts nothing more.
    const again = await fetch(`${harness.relayOrigin}/v1/flows`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ session: created.clientToken, mode: 'popup', returnUrl: `${HOST_ORIGIN}/form`, secretHash: 'A'.repeat(43) }),
    });
    assert.equal(again.status, 409);
    assert.equal(((await again.json()) as { code: string }).code, 'session-closed');

    assert.equal((await api.call('DELETE', `/v1/sessions/${created.sessionId}`)).status, 204);
    const gone = await api.result(created.sessionId);
    assert.equal(gone.status, 404);
    assert.equal(((await gone.json()) as { code: string }).code, 'unknown-session');
    const row = await harness.relay.store.getSession(created.sessionId);
    assert.equal(row, undefined, 'DELETE forgets the session at once');
  });

  it('a card whose holder is not the applicant releases nothing, to the widget or the provider, and says not which attribute differed', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create({ subject: APPLICANT });
    const flow = await startFlow(harness, { session: created.clientToken });
    const polled = await consentAndPoll(harness, flow, TARO_OTHER);
    assert.deepEqual(polled.body, { status: 'error', code: 'subject-mismatch', retryable: false });
    assert.equal((await api.status(created.sessionId)).status, 'subject_mismatch');
    const refused = await api.result(created.sessionId);
    assert.equal(refused.status, 409);
    const problem = (await refused.json()) as Record<string, unknown>;
    assert.equal(problem['code'], 'result-not-ready');
    assert.equal(problem['sessionStatus'], 'subject_mismatch');
    assert.doesNotMatch(JSON.stringify(problem), /birth|name|kana/i);
    const sdk = createMynaRelayClient({ relayUrl: harness.config.publicUrl, apiKey: DEV_API_KEY, clientId: 'demo' });
    await assert.rejects(sdk.getResult(created.sessionId), (error: unknown) => error instanceof MynaRelayError && error.sessionStatus === 'subject_mismatch' && !error.retryable);
    const row = await harness.relay.store.getSession(created.sessionId);
    assert.equal(row?.sealedSubject, null, 'the subject is purged with the session');
    assert.equal(row?.sealedResult, null);
  });

  it('the applicant’s own card matches after NFKC, spaces ignored and hiragana read as katakana', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create({ subject: APPLICANT });
    const polled = await consentAndPoll(harness, await startFlow(harness, { session: created.clientToken }), TARO);
    assert.equal(polled.body['status'], 'success');
    assert.equal((await api.status(created.sessionId)).status, 'completed');
    assert.equal((await harness.relay.store.getSession(created.sessionId))?.sealedSubject, null);
  });

  it('once a session is settled, another of its attempts releases nothing, whoever’s card it is', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create({ subject: APPLICANT });
    const first = await startFlow(harness, { session: created.clientToken });
    const second = await startFlow(harness, { session: created.clientToken });
    const third = await startFlow(harness, { session: created.clientToken });
    assert.equal((await consentAndPoll(harness, first)).body['status'], 'success');
    // The same applicant again, and someone else of the same name: neither gets data now.
    assert.deepEqual((await consentAndPoll(harness, second)).body, { status: 'error', code: 'session-closed', retryable: false });
    assert.deepEqual((await consentAndPoll(harness, third, TARO_OTHER)).body, { status: 'error', code: 'session-closed', retryable: false });
    const claims = await verify(harness, await (await api.result(created.sessionId)).text());
    assert.equal(claims.records[0]?.values[0]?.value, 5_670_000, 'the result is the first attempt’s');
  });

  it('DELETE while the portal still works ends the attempt: the widget gets session-closed, nothing else', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create();
    const flow = await startFlow(harness, { session: created.clientToken });
    const browser = new ScriptedBrowser();
    const screens = await openConsentScreen(browser, harness, flow);
    await browser.request(await consentAndAuthenticate(browser, harness, screens, { persona: 'suzuki-ichiro', pin: '4567' }));
    assert.equal((await api.call('DELETE', `/v1/sessions/${created.sessionId}`)).status, 204);
    assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'session-closed', retryable: false });
    assert.equal((await harness.relay.store.get(flow.flowId))?.sealed, null, 'the portal token is purged');
  });

  it('pending while the portal works; 409 result-not-ready names the status until then', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create();
    const early = await api.result(created.sessionId);
    assert.equal(early.status, 409);
    assert.equal(((await early.json()) as { sessionStatus: string }).sessionStatus, 'created');
    const flow = await startFlow(harness, { session: created.clientToken });
    const browser = new ScriptedBrowser();
    const screens = await openConsentScreen(browser, harness, flow);
    await browser.request(await consentAndAuthenticate(browser, harness, screens, { persona: 'suzuki-ichiro', pin: '4567' }));
    assert.equal((await api.status(created.sessionId)).status, 'pending');
    const polled = await pollResult(harness, flow);
    assert.equal(polled.body['status'], 'success');
    assert.equal((await api.status(created.sessionId)).status, 'completed');
  });

  it('a cancelled attempt leaves the session open for another; a failed one reports its code', async () => {
    const api = provider(harness.relayOrigin);
    const created = await api.create();
    const first = await startFlow(harness, { session: created.clientToken });
    await fetch(`${harness.relayOrigin}/v1/flows/${first.flowId}/cancel`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ secret: first.secret }) });
    assert.equal((await api.status(created.sessionId)).status, 'cancelled');
    const second = await startFlow(harness, { session: created.clientToken });
    await consentAndPoll(harness, second, { persona: 'takahashi-misaki', pin: '5678' });
    const failed = await api.status(created.sessionId);
    assert.deepEqual([failed.status, failed.code, failed.retryable], ['failed', 'portal-result-error', false]);
    const third = await startFlow(harness, { session: created.clientToken });
    assert.equal((await consentAndPoll(harness, third)).body['status'], 'success');
    assert.equal((await api.status(created.sessionId)).status, 'completed');
  });

  it('the server SDK against the real relay: create, not ready, verified result, delete', async () => {
    const relay = createMynaRelayClient({ relayUrl: harness.config.publicUrl, apiKey: DEV_API_KEY, clientId: 'demo' });
    const created = await relay.createSession({ items: ['localTax.salaryRevenue'], purpose: 'mortgage-prescreen', reference: 'SDK-1', subject: APPLICANT });
    await assert.rejects(relay.getResult(created.sessionId), (error: unknown) => error instanceof MynaRelayError && error.code === 'result-not-ready' && error.sessionStatus === 'created' && error.retryable);
    await consentAndPoll(harness, await startFlow(harness, { session: created.clientToken }));
    assert.equal((await relay.getSession(created.sessionId)).status, 'completed');
    const verified = await relay.getResult(created.sessionId);
    assert.equal(verified.value('localTax.salaryRevenue')?.value, 5_670_000);
    assert.equal(verified.claims.ref, 'SDK-1');
    await relay.deleteSession(created.sessionId);
    await assert.rejects(relay.getSession(created.sessionId), (error: unknown) => error instanceof MynaRelayError && error.status === 404);
    // Another client's audience: the signature holds, the audience does not.
    const wrongAudience = createMynaRelayClient({ relayUrl: harness.config.publicUrl, apiKey: DEV_API_KEY, clientId: 'someone-else' });
    const second = await relay.createSession({ items: ['household'], purpose: 'mortgage-prescreen' });
    await consentAndPoll(harness, await startFlow(harness, { session: second.clientToken }));
    await assert.rejects(wrongAudience.getResult(second.sessionId), (error: unknown) => error instanceof MynaResultVerificationError && error.reason === 'audience');
  });

  it('the pairwise subject is stable for one citizen and one provider', async () => {
    const api = provider(harness.relayOrigin);
    const subs: string[] = [];
    for (const card of [TARO, TARO, { persona: 'yamada-hanako', pin: '2345' }]) {
      const created = await api.create();
      await consentAndPoll(harness, await startFlow(harness, { session: created.clientToken }), card);
      subs.push((await verify(harness, await (await api.result(created.sessionId)).text())).sub);
    }
    assert.equal(subs[0], subs[1]);
    assert.notEqual(subs[0], subs[2]);
    assert.match(subs[0]!, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('provider sessions: two clients, an encrypted result, lifetimes', () => {
  let stack: Stack;
  const bank = generateApiKey('test');
  const city = generateApiKey('test');
  let cityPrivateKey: CryptoKey;

  before(async () => {
    const pair = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
    cityPrivateKey = pair.privateKey;
    const cityPublic = { ...(await exportJWK(pair.publicKey)), kid: 'city-enc-1' };
    stack = await startStack({
      env: {
        RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN,
        RELAY_RESULT_TTL_SECONDS: '600',
        RELAY_SESSION_TTL_SECONDS: '900',
        RELAY_CLIENTS: JSON.stringify([
          { id: 'bank', keyHashes: [bank.hash], origins: [HOST_ORIGIN], purposes: ['mortgage-prescreen'] },
          { id: 'city', keyHashes: [city.hash, apiKeyHash(DEV_API_KEY)], origins: [HOST_ORIGIN], purposes: ['benefit-application'], encryptionKey: cityPublic },
        ]),
      },
      log: silentLogger,
      sandbox: { clientId: 'myna-relay-dev', slowDelayMs: 300 },
    });
  });
  after(() => stack.close());

  it('another client’s session is as unknown as a missing one; each client only its purposes', async () => {
    const created = await provider(stack.relayOrigin, bank.key).create();
    for (const path of [`/v1/sessions/${created.sessionId}`, `/v1/sessions/${created.sessionId}/result`]) {
      const response = await provider(stack.relayOrigin, city.key).call('GET', path);
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { code: string }).code, 'unknown-session');
    }
    const deleted = await provider(stack.relayOrigin, city.key).call('DELETE', `/v1/sessions/${created.sessionId}`);
    assert.equal(deleted.status, 404);
    assert.ok(await stack.relay.store.getSession(created.sessionId), 'another client cannot delete it');
    const refused = await provider(stack.relayOrigin, city.key).call('POST', '/v1/sessions', { items: ['household'], purpose: 'mortgage-prescreen' });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { code: string }).code, 'purpose-not-allowed');
  });

  it('both keys of a client in rotation work', async () => {
    assert.equal((await provider(stack.relayOrigin, city.key).call('POST', '/v1/sessions', { items: ['household'], purpose: 'benefit-application' })).status, 201);
    assert.equal((await provider(stack.relayOrigin, DEV_API_KEY).call('POST', '/v1/sessions', { items: ['household'], purpose: 'benefit-application' })).status, 201);
  });

  it('a client with an encryption key gets a JWE around the signed result', async () => {
    const api = provider(stack.relayOrigin, city.key);
    const created = await api.create({ purpose: 'benefit-application', items: ['household'] });
    const flow = await startFlow(stack, { session: created.clientToken });
    assert.equal((await consentAndPoll(stack, flow)).body['status'], 'success');
    const jwe = await (await api.result(created.sessionId)).text();
    assert.equal(jwe.split('.').length, 5);
    assert.deepEqual(decodeProtectedHeader(jwe), { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT', kid: 'city-enc-1', epk: decodeProtectedHeader(jwe).epk });
    const { plaintext } = await compactDecrypt(jwe, cityPrivateKey);
    const claims = await verify(stack, new TextDecoder().decode(plaintext), 'city');
    assert.equal(claims.purpose.id, 'benefit-application');
    // The server SDK decrypts and verifies it, and refuses it without the key.
    const options = { relayUrl: stack.config.publicUrl, apiKey: city.key, clientId: 'city' };
    assert.equal((await createMynaRelayClient({ ...options, decryptionKey: cityPrivateKey }).getResult(created.sessionId)).claims.sid, created.sessionId);
    await assert.rejects(createMynaRelayClient(options).getResult(created.sessionId), (error: unknown) => error instanceof MynaResultVerificationError && error.reason === 'encryption');
    assert.equal(claims.records[0]?.values[0]?.key, 'household.relationshipCode1');
  });

  it('a consent given in a session’s last minutes still completes it: the session lives as long as its attempt', async () => {
    const api = provider(stack.relayOrigin, bank.key);
    const created = await api.create();
    stack.advanceRelayClock(850_000);
    const flow = await startFlow(stack, { session: created.clientToken });
    stack.advanceRelayClock(100_000);
    assert.equal((await api.status(created.sessionId)).status, 'created', 'not expired while its attempt runs');
    assert.equal((await consentAndPoll(stack, flow)).body['status'], 'success');
    assert.equal((await api.status(created.sessionId)).status, 'completed');
  });

  it('the result is purged when its lifetime ends (410), and an unfinished session expires', async () => {
    const api = provider(stack.relayOrigin, bank.key);
    const done = await api.create();
    await consentAndPoll(stack, await startFlow(stack, { session: done.clientToken }));
    const open = await api.create();
    stack.advanceRelayClock(601_000);
    const purged = await api.result(done.sessionId);
    assert.equal(purged.status, 410);
    assert.equal(((await purged.json()) as { code: string }).code, 'result-purged');
    assert.equal((await api.status(done.sessionId)).resultExpiresAt, null);
    stack.advanceRelayClock(300_000);
    assert.equal((await api.status(open.sessionId)).status, 'expired');
    const late = await fetch(`${stack.relayOrigin}/v1/disclosure`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ session: open.clientToken }) });
    assert.equal(late.status, 410);
    assert.equal(((await late.json()) as { code: string }).code, 'session-expired');
    await stack.relay.store.purgeSessions(stack.relay.clock.now());
    assert.equal((await stack.relay.store.getSession(done.sessionId))?.sealedResult, null, 'the purge drops the sealed result');
  });
});

describe('provider routes: the edge (app.request)', () => {
  let t: Stack;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const auth = { Authorization: `Bearer ${DEV_API_KEY}` };
  const body = { items: ['localTax.salaryRevenue'], purpose: 'mortgage-prescreen' };
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

  it('401 without a key or with a wrong one, with WWW-Authenticate; a key never belongs in a browser', async () => {
    const none = await call('POST', '/v1/sessions', {}, body);
    assert.deepEqual([none.status, await codeOf(none), none.headers.get('www-authenticate')], [401, 'unauthorized', 'Bearer realm="myna-relay"']);
    const wrong = await call('POST', '/v1/sessions', { Authorization: `Bearer ${generateApiKey('test').key}` }, body);
    assert.deepEqual([wrong.status, await codeOf(wrong)], [401, 'unauthorized']);
    const live = await call('POST', '/v1/sessions', { Authorization: `Bearer ${generateApiKey('live').key}` }, body);
    assert.deepEqual([live.status, await codeOf(live)], [401, 'api-key-environment']);
    // Even from an allowed origin and with the right key: refused, and no CORS answer.
    const browser = await call('POST', '/v1/sessions', { ...auth, Origin: HOST_ORIGIN }, body);
    assert.deepEqual([browser.status, await codeOf(browser)], [403, 'browser-request-refused']);
    assert.equal(browser.headers.get('access-control-allow-origin'), null);
    const fetchMetadata = await call('GET', '/v1/sessions/x', { ...auth, 'Sec-Fetch-Site': 'same-origin' });
    assert.deepEqual([fetchMetadata.status, await codeOf(fetchMetadata)], [403, 'browser-request-refused'], 'a same-origin browser request carries no Origin, but Sec-Fetch-Site');
    const preflight = await t.app.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: HOST_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(await t.relay.store.getSessionByTokenHash('none'), undefined);
  });

  it('refuses bad sessions with the protocol’s codes', async () => {
    const refused = async (overrides: Record<string, unknown>, code: string, status = 400) => {
      const response = await call('POST', '/v1/sessions', auth, { ...body, ...overrides });
      assert.deepEqual([response.status, await codeOf(response)], [status, code], JSON.stringify(overrides));
    };
    await refused({ purpose: 'gambling' }, 'unknown-purpose');
    await refused({ purpose: 'Free text purpose' }, 'invalid-input');
    await refused({ items: ['nope'] }, 'unknown-item');
    await refused({ query: 'at' }, 'invalid-query');
    await refused({ query: 'latest', at: '2025-06-01' }, 'invalid-query');
    await refused({ query: 'range', from: '2025-06-01' }, 'invalid-query');
    await refused({ query: 'at', at: '2099-01-01' }, 'invalid-query');
    await refused({ returnUrl: 'https://evil.example/form' }, 'invalid-return-url');
    await refused({ subject: {} }, 'invalid-input');
    await refused({ reference: 'has spaces' }, 'invalid-input');
    await refused({ extra: 1 }, 'invalid-input');
  });

  it('Idempotency-Key: the same key and body get the same session, another body 422', async () => {
    const first = await call('POST', '/v1/sessions', { ...auth, 'Idempotency-Key': 'order-42' }, body);
    const second = await call('POST', '/v1/sessions', { ...auth, 'Idempotency-Key': 'order-42' }, body);
    assert.equal(first.status, 201);
    assert.deepEqual(await second.json(), await first.json());
    const other = await call('POST', '/v1/sessions', { ...auth, 'Idempotency-Key': 'order-42' }, { ...body, reference: 'B' });
    assert.deepEqual([other.status, await codeOf(other)], [422, 'idempotency-key-reused']);
  });

  it('an unbound button names a purpose by id; free text or an unknown id is refused naming the ids', async () => {
    const shown = await t.app.request('/v1/disclosure?items=household&purpose=benefit-application');
    assert.equal(((await shown.json()) as { purpose: string }).purpose, '給付金の申請審査（デモ）');
    const unknown = await t.app.request('/v1/disclosure?items=household&purpose=gambling');
    const problem = (await unknown.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'unknown-purpose');
    assert.match(problem.detail, /mortgage-prescreen, benefit-application/);
    const flow = await t.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ ...startBody(widgetSecret().secretHash), purpose: 'gambling' }) });
    assert.equal(await codeOf(flow), 'unknown-purpose');
    const token = await t.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ ...startBody(widgetSecret().secretHash), session: 'x'.repeat(43) }) });
    assert.deepEqual([token.status, await codeOf(token)], [403, 'session-token-invalid']);
  });

  it('a bound flow from a page outside the client’s origins is refused', async () => {
    const created = (await (await call('POST', '/v1/sessions', auth, body)).json()) as { clientToken: string };
    const headers = widgetHeaders('http://localhost:8787');
    const response = await t.app.request('/v1/disclosure', { method: 'POST', headers, body: JSON.stringify({ session: created.clientToken }) });
    assert.equal(response.status, 200, 'the relay’s own origin is one of the demo client’s');
    const restricted = await testApp({
      RELAY_CLIENTS: JSON.stringify([{ id: 'bank', keyHashes: [apiKeyHash(DEV_API_KEY)], origins: [HOST_ORIGIN], purposes: ['mortgage-prescreen'] }]),
    });
    try {
      const made = (await (await restricted.app.request('/v1/sessions', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as { clientToken: string };
      const elsewhere = await restricted.app.request('/v1/disclosure', { method: 'POST', headers, body: JSON.stringify({ session: made.clientToken }) });
      assert.deepEqual([elsewhere.status, await codeOf(elsewhere)], [403, 'origin-not-allowed']);
    } finally {
      await restricted.close();
    }
  });
});

describe('result key rotation', () => {
  const resultKey = async (kid: string) => ({ ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), kid });

  it('a new key signs at once; a result the old key signed verifies until that key is removed', async () => {
    const dir = await temporaryDir('rotation-');
    const [oldKey, newKey] = await Promise.all([resultKey('result-old'), resultKey('result-new')]);
    const relayOn = (keys: object[]) =>
      startStack({ dataDir: dir.path, listen: false, env: { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN, RELAY_RESULT_KEYS: JSON.stringify(keys) }, overrides: { portal: acceptingPortal() } });
    const jwksOf = async (stack: Stack) => createLocalJWKSet((await (await stack.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet);
    const fetchResult = (stack: Stack, id: string) => stack.app.request(`/v1/sessions/${id}/result`, { headers: { Authorization: `Bearer ${DEV_API_KEY}` } });
    try {
      const before = await relayOn([oldKey]);
      // A completed session, settled directly in the store (the portal is not what this test is about).
      const created = (await (await before.app.request('/v1/sessions', { method: 'POST', headers: { Authorization: `Bearer ${DEV_API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ items: ['household'], purpose: 'mortgage-prescreen' }) })).json()) as { sessionId: string };
      const session = (await before.relay.store.getSession(created.sessionId))!;
      const { completeSession } = await import('../../../src/server/sessions/result.js');
      await completeSession({ ...before.relay, sessions: before.relay.store, sealer: createSealer(before.relay.keys.encryption), now: before.relay.clock.now, resultTtlSeconds: 600 }, session, {
        records: [],
        holder: undefined,
        portalSubject: 'portal-sub',
        retrievedAt: new Date().toISOString(),
      });
      const oldJwt = await (await fetchResult(before, created.sessionId)).text();
      assert.equal(decodeProtectedHeader(oldJwt).kid, 'result-old');
      await before.close();

      const during = await relayOn([newKey, oldKey]);
      const jwks = await jwksOf(during);
      assert.equal((await jwtVerify(oldJwt, jwks)).protectedHeader.kid, 'result-old', 'the old key still verifies');
      const newJwt = await (await fetchResult(during, created.sessionId)).text();
      assert.equal(decodeProtectedHeader(newJwt).kid, 'result-new', 'the first key signs');
      assert.equal((await jwtVerify(newJwt, jwks)).payload['sid'], created.sessionId);
      await during.close();

      const after = await relayOn([newKey]);
      await assert.rejects(jwtVerify(oldJwt, await jwksOf(after)), /no applicable key|JWKSNoMatchingKey/i);
      await after.close();
    } finally {
      await dir.remove();
    }
  });
});
