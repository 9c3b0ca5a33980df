import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import { SQLITE_FILE } from '../../../src/server/index.js';
import {
  consentAndAuthenticate,
  followToRelay,
  handOffMessage,
  HOST_ORIGIN,
  openConsentScreen,
  pollResult,
  postResult,
  startFlow,
  startHarness,
  ScriptedBrowser,
  type Harness,
  type StartedFlow,
} from '../../support/harness.js';
import { RETURN_URL, widgetHeaders } from '../../support/fixtures.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };

/** Runs the browser part up to the relay's callback and returns the callback response. */
async function consentedCallback(harness: Harness, flow: StartedFlow, card = TARO, browser = new ScriptedBrowser()): Promise<Response> {
  const screens = await openConsentScreen(browser, harness, flow);
  const callbackUrl = await consentAndAuthenticate(browser, harness, screens, card);
  return browser.request(callbackUrl);
}

function valueOf(body: Record<string, unknown>, key: string): unknown {
  const result = body['result'] as { records: { values: { key: string; value: unknown }[] }[] };
  return result.records[0]?.values.find((value) => value.key === key)?.value;
}

/** Rewrites the SUCCESS answer of the self-information poll on its way to the relay. */
function tamperWithResult(harness: Harness, rewrite: (jws: string) => Promise<string>): void {
  harness.interceptPortal(async (input, init) => {
    const response = await fetch(input, init);
    const url = String(input);
    if (!url.includes('/selfinfo/v1/requests/') || response.status !== 200) return response;
    const body = (await response.json()) as { status: string; result?: string };
    if (body.status === 'SUCCESS' && body.result !== undefined) body.result = await rewrite(body.result);
    return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
  });
}

async function rawDatabase(harness: Harness): Promise<string> {
  const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`].map((name) => join(harness.dataDir, name)).filter((file) => existsSync(file));
  return Buffer.concat(await Promise.all(files.map((file) => readFile(file)))).toString('latin1');
}

describe('consent flow over HTTP (relay + sandbox)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ slowDelayMs: 2500 });
  });
  after(() => harness.close());

  it('start → launch → consent + PIN → callback → redeem yields the persona\'s values, once', async () => {
    let accessToken = '';
    harness.interceptPortal(async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/token') && response.ok) accessToken = ((await response.clone().json()) as { access_token: string }).access_token;
      return response;
    });
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const callback = await consentedCallback(harness, flow, TARO, browser);
    harness.interceptPortal(null);

    assert.match(callback.headers.get('content-security-policy') ?? '', /script-src 'self'; frame-ancestors 'none'/);
    assert.equal(callback.headers.get('cache-control'), 'no-store');
    assert.equal(callback.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(browser.cookie(harness.relayOrigin, '__Host-myna-flow'), undefined, 'binding cookie cleared');
    const message = await handOffMessage(callback);
    assert.deepEqual(message, { type: 'myna-fetch', flowId: flow.flowId, outcome: 'consented', targetOrigin: HOST_ORIGIN });
    assert.ok(accessToken.length > 0);
    assert.ok(!(await rawDatabase(harness)).includes(accessToken), 'the access token is sealed at rest');

    const { status, body } = await pollResult(harness, flow);
    assert.equal(status, 200);
    assert.equal(body['status'], 'success');
    assert.equal(valueOf(body, 'localTax.salaryRevenue'), 5_670_000);
    assert.equal(valueOf(body, 'localTax.taxYear'), 2025);
    const result = body['result'] as Record<string, unknown>;
    assert.deepEqual(result['items'], ['localTax.salaryRevenue', 'localTax.taxYear']);
    assert.deepEqual(result['query'], { method: 'latest' });
    assert.deepEqual(Object.keys(result['consent'] as object), ['service', 'purpose', 'retainUntil']);
    const [record] = (result['records'] as { asOf: string; values: Record<string, unknown>[] }[]);
    assert.equal(record?.asOf, '2025-06-01');
    assert.deepEqual(record?.values[0], {
      key: 'localTax.salaryRevenue',
      labelJa: '給与収入額',
      labelEn: 'Salary revenue',
      infoNumber: '2',
      kind: 'amount',
      unit: 'JPY',
      value: 5_670_000,
    });

    const second = await postResult(harness, flow);
    assert.equal(second.status, 410);
    assert.equal(((await second.json()) as { code: string }).code, 'already-redeemed');
    const stored = await harness.relay.store.get(flow.flowId);
    assert.equal(stored?.status, 'redeemed');
    assert.equal(stored?.sealed, null);
    const raw = await rawDatabase(harness);
    assert.ok(!raw.includes('5670000') && !raw.includes(accessToken), 'nothing personal left on disk');
  });

  it('redirect mode hands off with a page that moves on to the return URL, flow id in the fragment', async () => {
    const flow = await startFlow(harness, { mode: 'redirect' });
    const callback = await consentedCallback(harness, flow);
    assert.equal(callback.status, 200);
    const target = `${RETURN_URL}#myna-flow=${flow.flowId}`;
    const page = await callback.text();
    assert.ok(page.includes(`<meta http-equiv="refresh" content="0; url=${target}">`), page);
    assert.ok(page.includes(`<a href="${target}">`));
    assert.match(callback.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(callback.headers.get('cache-control'), 'no-store');
    assert.equal((await pollResult(harness, flow)).body['status'], 'success');
  });

  it('hands a success out to exactly one of two simultaneous calls', async () => {
    const flow = await startFlow(harness);
    await consentedCallback(harness, flow);
    const answers = await Promise.all([postResult(harness, flow), postResult(harness, flow)]);
    const bodies = await Promise.all(answers.map(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> })));
    assert.equal(bodies.filter(({ body }) => body['status'] === 'success').length, 1, JSON.stringify(bodies));
  });

  it('refuses a replayed state', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const callbackUrl = await consentAndAuthenticate(browser, harness, screens, TARO);
    assert.equal((await browser.request(callbackUrl)).status, 200);
    const replay = await browser.request(callbackUrl);
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as { code: string }).code, 'state-used');
    assert.equal((await pollResult(harness, flow)).body['status'], 'success', 'the first callback still stands');
  });

  it('refuses a callback whose iss is not the portal (RFC 9207 mix-up defence), and the flow ends', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const callbackUrl = new URL(await consentAndAuthenticate(browser, harness, screens, TARO));
    assert.equal(callbackUrl.searchParams.get('iss'), harness.sandboxOrigin, 'the portal sends its issuer');
    callbackUrl.searchParams.set('iss', 'https://attacker.example');
    const callback = await browser.request(callbackUrl.href);
    assert.equal(callback.status, 400);
    assert.equal(((await callback.json()) as { code: string }).code, 'invalid-callback');
    const result = (await pollResult(harness, flow)).body;
    assert.equal(result['status'], 'error', JSON.stringify(result));
  });

  it('refuses a callback from a browser that did not launch the flow (no binding cookie)', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const callbackUrl = await consentAndAuthenticate(browser, harness, screens, TARO);
    browser.dropCookie(harness.relayOrigin, '__Host-myna-flow');
    const callback = await browser.request(callbackUrl);
    assert.equal(callback.status, 403);
    assert.equal(((await callback.json()) as { code: string }).code, 'binding-mismatch');
    assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'binding-mismatch', retryable: false });
  });

  it('fails the exchange when the PKCE verifier is wrong', async () => {
    harness.interceptPortal((input, init) => {
      if (String(input).endsWith('/token') && init?.body instanceof URLSearchParams) {
        init.body.set('code_verifier', oauth.generateRandomCodeVerifier());
      }
      return fetch(input, init);
    });
    try {
      const flow = await startFlow(harness);
      const message = await handOffMessage(await consentedCallback(harness, flow));
      assert.equal(message.outcome, 'error');
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'token-exchange-failed', retryable: false });
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('gets no consent screen for an authorization request that was not pushed', async () => {
    const browser = new ScriptedBrowser();
    const authorize = new URL('/auth', harness.sandboxOrigin);
    const verifier = oauth.generateRandomCodeVerifier();
    for (const [name, value] of Object.entries({
      client_id: harness.config.portalClientId,
      response_type: 'code',
      redirect_uri: `${harness.relayOrigin}/v1/flows/callback`,
      scope: 'openid selfinfo',
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }
    const response = await browser.request(authorize.href);
    // Refused with an error redirect straight back: no interaction, and the relay knows no such state.
    assert.equal(response.status, 303);
    const back = new URL(response.headers.get('location') ?? '', authorize);
    assert.equal(back.origin, harness.relayOrigin);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.match(back.searchParams.get('error_description') ?? '', /Pushed Authorization Request must be used/);
    const callback = await browser.request(back.href);
    assert.equal(callback.status, 400);
    assert.equal(((await callback.json()) as { code: string }).code, 'unknown-state');
  });

  it('rejects a result whose payload was altered after signing', async () => {
    tamperWithResult(harness, async (jws) => {
      const [header, payload, signature] = jws.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { records: { values: Record<string, unknown> }[] };
      const values = claims.records[0]?.values;
      if (values !== undefined) values['localTax.salaryRevenue'] = 9_990_000;
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    });
    try {
      const flow = await startFlow(harness);
      await consentedCallback(harness, flow);
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'result-invalid', retryable: false });
      assert.equal((await harness.relay.store.get(flow.flowId))?.sealed, null, 'secrets purged');
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('rejects a result signed by a key the portal does not publish (fake portal)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    tamperWithResult(harness, (jws) =>
      new SignJWT(decodeJwt(jws)).setProtectedHeader(decodeProtectedHeader(jws) as { alg: string }).sign(privateKey),
    );
    try {
      const flow = await startFlow(harness);
      await consentedCallback(harness, flow);
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'result-invalid', retryable: false });
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('reports a cancel at the consent screen as cancelled (step portal)', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const cancel = await browser.request(`${screens.interactionUrl}/cancel`, { form: {} });
    assert.equal(cancel.status, 303);
    const callbackUrl = await followToRelay(browser, harness, new URL(cancel.headers.get('location') ?? '', screens.interactionUrl).href);
    assert.equal(new URL(callbackUrl).searchParams.get('error'), 'access_denied');
    const message = await handOffMessage(await browser.request(callbackUrl));
    assert.equal(message.outcome, 'cancelled');
    assert.deepEqual((await pollResult(harness, flow)).body, { status: 'cancelled', step: 'portal' });
  });

  it('reports a card locked by wrong PINs as cancelled with card_locked', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    await browser.request(`${screens.interactionUrl}/consent`, { form: { agree: 'yes' } });
    let locked: Response | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await browser.request(`${screens.interactionUrl}/card`, { form: { persona: 'yamada-hanako', pin: '0000' } });
      if (response.status === 303) locked = response;
    }
    assert.ok(locked !== undefined, 'the third wrong PIN ends the interaction');
    const callbackUrl = await followToRelay(browser, harness, new URL(locked.headers.get('location') ?? '', screens.interactionUrl).href);
    const message = await handOffMessage(await browser.request(callbackUrl));
    assert.equal(message.outcome, 'card_locked');
    assert.deepEqual((await pollResult(harness, flow)).body, { status: 'cancelled', step: 'card_locked' });
  });

  it('reports the portal\'s operating hours as unavailable', async () => {
    const servers = [{ id: 'juki-net', available: false, nextAvailableAt: '2026-11-23T23:00:00.000Z' }];
    harness.setAvailability(() => ({ available: false, nextAvailableAt: '2026-11-23T23:00:00.000Z', servers }));
    try {
      const flow = await startFlow(harness);
      const message = await handOffMessage(await consentedCallback(harness, flow));
      assert.equal(message.outcome, 'unavailable');
      assert.deepEqual((await pollResult(harness, flow)).body, {
        status: 'unavailable',
        nextAvailableAt: '2026-11-23T23:00:00.000Z',
        servers,
      });
    } finally {
      harness.setAvailability(() => ({ available: true, nextAvailableAt: null, servers: [] }));
    }
  });

  it('stays pending for a slow answer, polling the portal no sooner than Retry-After', async () => {
    let polls = 0;
    harness.interceptPortal((input, init) => {
      if (String(input).includes('/selfinfo/v1/requests/')) polls += 1;
      return fetch(input, init);
    });
    try {
      const flow = await startFlow(harness);
      await consentedCallback(harness, flow, { persona: 'suzuki-ichiro', pin: '4567' });
      const first = (await (await postResult(harness, flow)).json()) as Record<string, unknown>;
      assert.equal(first['status'], 'pending');
      assert.equal(typeof first['elapsedMs'], 'number');
      for (let call = 0; call < 5; call += 1) {
        assert.equal(((await (await postResult(harness, flow)).json()) as Record<string, unknown>)['status'], 'pending');
      }
      assert.equal(polls, 1, 'the relay waits for Retry-After before asking the portal again');
      const { body } = await pollResult(harness, flow, 10_000);
      assert.equal(body['status'], 'success');
      assert.equal(valueOf(body, 'localTax.salaryRevenue'), 4_200_000);
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('reports a failed retrieval at the portal as an error', async () => {
    const flow = await startFlow(harness);
    await consentedCallback(harness, flow, { persona: 'takahashi-misaki', pin: '5678' });
    assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'portal-result-error', retryable: false });
  });

  it('lets the widget cancel while the result is pending, purging the token', async () => {
    const flow = await startFlow(harness);
    await consentedCallback(harness, flow, { persona: 'suzuki-ichiro', pin: '4567' });
    const cancel = await fetch(`${harness.relayOrigin}/v1/flows/${flow.flowId}/cancel`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ secret: flow.secret }),
    });
    assert.deepEqual(await cancel.json(), { status: 'cancelled', step: 'widget' });
    assert.equal((await harness.relay.store.get(flow.flowId))?.sealed, null);
  });

  it('hands off an expired flow as expired, and its handle answers 410', async () => {
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const callbackUrl = await consentAndAuthenticate(browser, harness, screens, TARO);
    harness.advanceRelayClock((harness.config.flowTtlSeconds + 1) * 1000);
    try {
      const message = await handOffMessage(await browser.request(callbackUrl));
      assert.equal(message.outcome, 'expired');
      const result = await postResult(harness, flow);
      assert.equal(result.status, 410);
      assert.equal(((await result.json()) as { code: string }).code, 'flow-expired');
    } finally {
      harness.advanceRelayClock(-(harness.config.flowTtlSeconds + 1) * 1000);
    }
  });

  it('refuses a start from a page on another origin', async () => {
    const response = await fetch(`${harness.relayOrigin}/v1/flows`, {
      method: 'POST',
      headers: widgetHeaders('https://evil.example'),
      body: JSON.stringify({ items: ['localTax'], query: { method: 'latest' }, mode: 'popup', returnUrl: 'https://evil.example/', secretHash: 'A'.repeat(43) }),
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(((await response.json()) as { code: string }).code, 'origin-not-allowed');
  });

  it('refuses an unknown item key before anything reaches the portal', async () => {
    let portalCalls = 0;
    harness.interceptPortal((input, init) => {
      portalCalls += 1;
      return fetch(input, init);
    });
    try {
      const response = await fetch(`${harness.relayOrigin}/v1/flows`, {
        method: 'POST',
        headers: widgetHeaders(),
        body: JSON.stringify({ items: ['localTax.bonus'], query: { method: 'latest' }, mode: 'popup', returnUrl: RETURN_URL, secretHash: 'A'.repeat(43) }),
      });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { code: string }).code, 'unknown-item');
      assert.equal(portalCalls, 0);
    } finally {
      harness.interceptPortal(null);
    }
  });
});
