import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  consentAndAuthenticate,
  handOffMessage,
  openConsentScreen,
  pollResult,
  startFlow,
  startHarness,
  ScriptedBrowser,
  type Harness,
} from '../../support/harness.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };

/**
 * The sandbox's codes live 60 s (src/dev/sandbox/protocol.ts TTL.authorizationCode); here 2 s, so a
 * code can be aged past its lifetime without a minute's wait. oidc-provider counts whole seconds,
 * so a 2 s code has at least 1 s left when issued.
 */
const CODE_TTL_SECONDS = 2;

/** Every token endpoint answer the relay gets: status and OAuth error. */
function watchTokenEndpoint(harness: Harness): { status: number; error?: string }[] {
  const answers: { status: number; error?: string }[] = [];
  harness.interceptPortal(async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/token')) {
      const body = (await response.clone().json()) as { error?: string };
      answers.push({ status: response.status, ...(body.error === undefined ? {} : { error: body.error }) });
    }
    return response;
  });
  return answers;
}

describe('authorization code lifetime', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ codeTtlSeconds: CODE_TTL_SECONDS });
  });
  after(() => harness.close());

  it('redeems a code delivered within its lifetime', async () => {
    const answers = watchTokenEndpoint(harness);
    try {
      const browser = new ScriptedBrowser();
      const flow = await startFlow(harness);
      const callbackUrl = await consentAndAuthenticate(browser, harness, await openConsentScreen(browser, harness, flow), TARO);
      assert.equal((await handOffMessage(await browser.request(callbackUrl))).outcome, 'consented');
      assert.deepEqual(answers.at(-1), { status: 200 });
      assert.equal((await pollResult(harness, flow)).body['status'], 'success');
    } finally {
      harness.interceptPortal(null);
    }
  });

  it('refuses a code older than its lifetime at the token endpoint; the flow ends with token-exchange-failed, promptly', async () => {
    const answers = watchTokenEndpoint(harness);
    try {
      const browser = new ScriptedBrowser();
      const flow = await startFlow(harness);
      const callbackUrl = await consentAndAuthenticate(browser, harness, await openConsentScreen(browser, harness, flow), TARO);
      await sleep((CODE_TTL_SECONDS + 1) * 1000);

      const started = performance.now();
      const callback = await browser.request(callbackUrl);
      const elapsedMs = performance.now() - started;
      assert.equal(callback.status, 200, 'a hand-off page, not a 5xx');
      assert.equal((await handOffMessage(callback)).outcome, 'error');
      assert.ok(elapsedMs < 2000, `answered in ${Math.round(elapsedMs)} ms`);
      assert.deepEqual(answers.at(-1), { status: 400, error: 'invalid_grant' });
      assert.deepEqual((await pollResult(harness, flow)).body, { status: 'error', code: 'token-exchange-failed', retryable: false });
    } finally {
      harness.interceptPortal(null);
    }
  });
});
