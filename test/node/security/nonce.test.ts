import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import {
  consentAndAuthenticate,
  handOffMessage,
  openConsentScreen,
  pollResult,
  postResult,
  startFlow,
  startHarness,
  ScriptedBrowser,
  type Harness,
} from '../../support/harness.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };

/** What travelled between the relay and the sandbox: the pushed nonces and the ID tokens' nonces. */
interface Wire {
  pushedNonces: string[];
  idTokenNonces: string[];
}

/**
 * Watches the relay's portal calls; `rewriteNonce` replaces the nonce of the pushed request on its
 * way to the sandbox, so the sandbox signs an ID token that echoes a nonce the relay never sent.
 */
function watchWire(harness: Harness, rewriteNonce?: string): Wire {
  const wire: Wire = { pushedNonces: [], idTokenNonces: [] };
  harness.interceptPortal(async (input, init) => {
    const url = String(input);
    if (url.endsWith('/request') && init?.body instanceof URLSearchParams) {
      wire.pushedNonces.push(init.body.get('nonce') ?? '');
      if (rewriteNonce !== undefined) init.body.set('nonce', rewriteNonce);
    }
    const response = await fetch(input, init);
    if (url.endsWith('/token') && response.ok) {
      const { id_token: idToken } = (await response.clone().json()) as { id_token: string };
      wire.idTokenNonces.push(String(decodeJwt(idToken)['nonce']));
    }
    return response;
  });
  return wire;
}

/** The browser part up to the relay's callback URL (not yet requested). */
async function callbackUrlFor(harness: Harness, browser: ScriptedBrowser, flow: Awaited<ReturnType<typeof startFlow>>): Promise<string> {
  return consentAndAuthenticate(browser, harness, await openConsentScreen(browser, harness, flow), TARO);
}

describe('nonce: the relay checks the ID token it gets with the code', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('refuses an ID token whose nonce is not the flow\'s: token-exchange-failed, and the callback cannot be replayed', async () => {
    const forged = oauth.generateRandomNonce();
    const wire = watchWire(harness, forged);
    try {
      const browser = new ScriptedBrowser();
      const flow = await startFlow(harness);
      const callbackUrl = await callbackUrlFor(harness, browser, flow);
      const message = await handOffMessage(await browser.request(callbackUrl));
      assert.equal(message.outcome, 'error');
      // The sandbox did sign an ID token, validly, but for the rewritten nonce.
      assert.deepEqual(wire.idTokenNonces, [forged]);
      assert.notEqual(wire.pushedNonces[0], forged);
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'token-exchange-failed', retryable: false });

      const replay = await browser.request(callbackUrl);
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { code: string }).code, 'state-used');
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'token-exchange-failed', retryable: false });
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('sends a fresh nonce with every flow, gets it back in the ID token, and redeems the callback once', async () => {
    const wire = watchWire(harness);
    try {
      const browser = new ScriptedBrowser();
      const first = await startFlow(harness);
      const second = await startFlow(harness);
      // A pushed request may be sent twice (DPoP nonce retry), with the same nonce.
      const nonces = [...new Set(wire.pushedNonces)];
      assert.equal(nonces.length, 2, 'one nonce per flow');
      const [firstNonce] = nonces;
      for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');

      const callbackUrl = await callbackUrlFor(harness, browser, first);
      assert.equal((await handOffMessage(await browser.request(callbackUrl))).outcome, 'consented');
      assert.deepEqual(wire.idTokenNonces, [firstNonce]);

      const replay = await browser.request(callbackUrl);
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { code: string }).code, 'state-used');
      assert.deepEqual(wire.idTokenNonces, [firstNonce], 'the replay never reached the token endpoint');
      assert.equal((await pollResult(harness, first)).body['status'], 'success');
      assert.equal((await postResult(harness, first)).status, 410, 'handed out once');
      assert.deepEqual(await (await postResult(harness, second)).json(), { status: 'awaiting-consent' });
    } finally {
      harness.interceptPortal(null);
    }
  });
});
