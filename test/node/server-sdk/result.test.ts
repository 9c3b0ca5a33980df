import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import {
  createMynaRelayClient,
  MynaResultVerificationError,
  verifyResult,
  type MynaRelayClientOptions,
  type VerificationFailure,
} from '../../../src/server-sdk/index.js';
import { API_KEY, CLIENT_ID, SESSION_ID, encryptFor, nowSeconds, startFakeRelay, withPayload, type FakeRelay } from './fake-relay.js';

const failsWith = (reason: VerificationFailure) => (error: unknown) => {
  assert.ok(error instanceof MynaResultVerificationError, `expected a MynaResultVerificationError, got ${String(error)}`);
  assert.equal(error.reason, reason, error.message);
  return true;
};

describe('server SDK: getResult verifies the relay-signed result', () => {
  let relay: FakeRelay;
  let encryption: { publicKey: CryptoKey; privateKey: CryptoKey };
  const client = (options: Partial<MynaRelayClientOptions> = {}) =>
    createMynaRelayClient({ relayUrl: relay.origin, apiKey: API_KEY, clientId: CLIENT_ID, ...options });
  const serve = (token: string) => relay.results.set(SESSION_ID, { token });

  before(async () => {
    relay = await startFakeRelay();
    encryption = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
  });
  after(() => relay.close());
  beforeEach(() => {
    relay.requests.length = 0;
    relay.results.clear();
    relay.published = [relay.keys.first, relay.keys.second];
  });

  it('returns the verified claims, the latest record and its values by key', async () => {
    serve(await relay.sign(relay.claims()));
    const result = await client().getResult(SESSION_ID);
    assert.equal(result.claims.sid, SESSION_ID);
    assert.equal(result.claims.aud, CLIENT_ID);
    assert.equal(result.claims.purpose.id, 'mortgage-prescreen');
    assert.equal(result.latest?.asOf, '2026-06-01');
    assert.equal(result.value('localTax.salaryRevenue')?.value, 5_670_000);
    assert.equal(result.value('localTax.salaryRevenue')?.unit, 'JPY');
    assert.equal(result.value('household.householdNumber'), undefined);
    const resultRequest = relay.requests.find((request) => request.path.endsWith('/result'))!;
    assert.equal(resultRequest.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(resultRequest.headers.origin, undefined);
  });

  it('accepts the relay URL with a trailing slash (iss has none)', async () => {
    serve(await relay.sign(relay.claims()));
    assert.equal((await client({ relayUrl: `${relay.origin}/` }).getResult(SESSION_ID)).claims.iss, relay.origin);
  });

  it("refuses a tampered payload: 'signature'", async () => {
    const token = await relay.sign(relay.claims());
    const raised = relay.claims({ records: [{ asOf: '2026-06-01', values: [{ key: 'localTax.salaryRevenue', infoNumber: null, status: 'present', value: 9_990_000, unit: 'JPY' }] }] });
    serve(withPayload(token, raised));
    await assert.rejects(client().getResult(SESSION_ID), failsWith('signature'));
  });

  it('refuses each wrong claim with its reason', async () => {
    const cases: [VerificationFailure, Promise<string>][] = [
      ['issuer', relay.sign(relay.claims({ iss: 'https://relay.attacker.example' }))],
      ['audience', relay.sign(relay.claims({ aud: 'city-benefits' }))],
      ['session', relay.sign(relay.claims({ sid: 'ses_another' }))],
      ['expired', relay.sign(relay.claims({ iat: nowSeconds() - 3600, exp: nowSeconds() - 60 }))],
      ['expired', relay.sign(relay.claims({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 }))],
      ['type', relay.sign(relay.claims(), { typ: 'JWT' })],
      ['claims', relay.sign({ ...relay.claims(), source: 'user' } as never)],
    ];
    for (const [reason, token] of cases) {
      serve(await token);
      await assert.rejects(client().getResult(SESSION_ID), failsWith(reason));
    }
  });

  it('allows clock skew within clockToleranceSeconds', async () => {
    serve(await relay.sign(relay.claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 10 })));
    await client().getResult(SESSION_ID);
    await assert.rejects(client({ clockToleranceSeconds: 0 }).getResult(SESSION_ID), failsWith('expired'));
  });

  it('decrypts a nested JWE with the registered key, as a JWK or a CryptoKey', async () => {
    serve(await encryptFor(encryption.publicKey, await relay.sign(relay.claims())));
    const privateJwk = await exportJWK(encryption.privateKey);
    assert.equal((await client({ decryptionKey: privateJwk }).getResult(SESSION_ID)).value('localTax.salaryRevenue')?.value, 5_670_000);
    assert.equal((await client({ decryptionKey: encryption.privateKey }).getResult(SESSION_ID)).claims.sid, SESSION_ID);
  });

  it('tries each decryption key while they rotate, and refuses when none opens the result', async () => {
    const retired = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
    serve(await encryptFor(encryption.publicKey, await relay.sign(relay.claims())));
    await client({ decryptionKey: [retired.privateKey, encryption.privateKey] }).getResult(SESSION_ID);
    await assert.rejects(client({ decryptionKey: retired.privateKey }).getResult(SESSION_ID), failsWith('encryption'));
  });

  it('refuses a JWE when no decryptionKey is configured', async () => {
    serve(await encryptFor(encryption.publicKey, await relay.sign(relay.claims())));
    await assert.rejects(client().getResult(SESSION_ID), failsWith('encryption'));
  });

  it('refuses a plaintext JWS when a decryptionKey is configured', async () => {
    serve(await relay.sign(relay.claims()));
    await assert.rejects(client({ decryptionKey: encryption.privateKey }).getResult(SESSION_ID), failsWith('encryption'));
  });

  it('refuses a decryptionKey that is not an EC private key, as a TypeError', async () => {
    serve(await encryptFor(encryption.publicKey, await relay.sign(relay.claims())));
    await assert.rejects(client({ decryptionKey: { kty: 'oct', k: 'c2VjcmV0' } }).getResult(SESSION_ID), TypeError);
  });

  it('refuses a result answered as anything but application/jwt', async () => {
    const token = await relay.sign(relay.claims());
    const html = client({ fetch: async () => new Response(token, { status: 200, headers: { 'content-type': 'text/html' } }) });
    await assert.rejects(html.getResult(SESSION_ID), { name: 'MynaRelayError', code: 'unexpected-answer' });
  });

  it('still verifies the signature inside the JWE', async () => {
    const token = await relay.sign(relay.claims());
    serve(await encryptFor(encryption.publicKey, withPayload(token, relay.claims({ sub: 'psub_someone_else' }))));
    await assert.rejects(client({ decryptionKey: encryption.privateKey }).getResult(SESSION_ID), failsWith('signature'));
  });

  it('verifies a result signed by the second key of the JWKS (rotation)', async () => {
    serve(await relay.sign(relay.claims(), { key: relay.keys.second }));
    assert.equal((await client().getResult(SESSION_ID)).claims.sid, SESSION_ID);
  });

  it("fetches the JWKS again once for an unknown kid, then fails with 'signature'", async () => {
    const sdk = client();
    serve(await relay.sign(relay.claims()));
    await sdk.getResult(SESSION_ID);
    assert.equal(relay.jwksFetches(), 1);
    serve(await relay.sign(relay.claims(), { key: relay.keys.stray }));
    await assert.rejects(sdk.getResult(SESSION_ID), failsWith('signature'));
    assert.equal(relay.jwksFetches(), 2);
  });

  it('picks up a key published after the JWKS was cached', async () => {
    const sdk = client();
    relay.published = [relay.keys.first];
    serve(await relay.sign(relay.claims()));
    await sdk.getResult(SESSION_ID);
    relay.published = [relay.keys.second, relay.keys.first];
    serve(await relay.sign(relay.claims(), { key: relay.keys.second }));
    await sdk.getResult(SESSION_ID);
    assert.equal(relay.jwksFetches(), 2);
  });

  it('keeps the JWKS for jwksCacheSeconds across getResult calls', async () => {
    serve(await relay.sign(relay.claims()));
    const sdk = client();
    for (let call = 0; call < 4; call += 1) await sdk.getResult(SESSION_ID);
    assert.equal(relay.jwksFetches(), 1);
    const uncached = client({ jwksCacheSeconds: 0 });
    for (let call = 0; call < 2; call += 1) await uncached.getResult(SESSION_ID);
    assert.equal(relay.jwksFetches(), 3);
  });
});

describe('server SDK: verifyResult on its own', () => {
  let relay: FakeRelay;

  before(async () => {
    relay = await startFakeRelay();
  });
  after(() => relay.close());

  const expectations = () => ({ issuer: relay.origin, audience: CLIENT_ID });

  it('verifies against a JWKS object', async () => {
    const jwks = { keys: [relay.keys.first.publicJwk, relay.keys.second.publicJwk] };
    const result = await verifyResult(await relay.sign(relay.claims()), { ...expectations(), jwks, sessionId: SESSION_ID });
    assert.equal(result.claims.sub, 'psub_3kq9X2');
    await assert.rejects(verifyResult(await relay.sign(relay.claims()), { ...expectations(), jwks, sessionId: 'ses_other' }), failsWith('session'));
  });

  it('refuses options without an issuer or an audience (jose would skip that check)', async () => {
    const jwks = { keys: [relay.keys.first.publicJwk] };
    const token = await relay.sign(relay.claims());
    await assert.rejects(verifyResult(token, { audience: CLIENT_ID, jwks } as never), TypeError);
    await assert.rejects(verifyResult(token, { issuer: relay.origin, jwks } as never), TypeError);
    await assert.rejects(verifyResult(token, { ...expectations(), audience: '', jwks }), TypeError);
  });

  it('verifies against the JWKS URL, fetched once for several calls', async () => {
    relay.requests.length = 0;
    const jwks = `${relay.origin}/.well-known/jwks.json`;
    for (let call = 0; call < 3; call += 1) await verifyResult(await relay.sign(relay.claims()), { ...expectations(), jwks });
    assert.equal(relay.jwksFetches(), 1);
  });

  it('checks expiry against the given now', async () => {
    const jwks = { keys: [relay.keys.first.publicJwk] };
    const token = await relay.sign(relay.claims());
    const later = new Date(Date.now() + 3600_000);
    await assert.rejects(verifyResult(token, { ...expectations(), jwks, now: later }), failsWith('expired'));
  });

  it("refuses what is not a compact JWS, and a result without a kid: 'signature'", async () => {
    const jwks = { keys: [relay.keys.first.publicJwk] };
    await assert.rejects(verifyResult('not-a-token', { ...expectations(), jwks }), failsWith('signature'));
    const [, payload, signature] = (await relay.sign(relay.claims())).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'myna-result+jwt' })).toString('base64url');
    await assert.rejects(verifyResult(`${header}.${payload}.${signature}`, { ...expectations(), jwks }), failsWith('signature'));
  });
});
