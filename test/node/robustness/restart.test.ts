import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXCHANGE_LEASE_MS } from '../../../src/server/flows/callback.js';
import {
  consentAndAuthenticate,
  handOffMessage,
  openConsentScreen,
  pollResult,
  postResult,
  startFlow,
  ScriptedBrowser,
  type Origins,
  type PortalScreens,
  type StartedFlow,
} from '../../support/harness.js';
import { ALWAYS_OPEN, temporaryDir, widgetHeaders } from '../../support/fixtures.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { startSandboxForRelay, type SandboxForRelay } from '../../support/stack.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };
/** The slow persona: its result is ready SLOW_DELAY_MS after the request. */
const SUZUKI = { persona: 'suzuki-ichiro', pin: '4567' };
const SLOW_DELAY_MS = 1500;

function salaryRevenue(body: Record<string, unknown>): unknown {
  const result = body['result'] as { records: { values: { key: string; value: unknown }[] }[] };
  return result.records[0]?.values.find((value) => value.key === 'localTax.salaryRevenue')?.value;
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: (() => void) | undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve: () => resolve?.() };
}

/** Holds the sandbox's token endpoint while `held` is set; `reached` resolves when a request waits there. */
function tokenGate() {
  const reached = signal();
  const released = signal();
  const gate = {
    held: false,
    reached: reached.promise,
    release: () => released.resolve(),
    beforeRequest(path: string): Promise<void> | undefined {
      if (path !== '/token' || !gate.held) return undefined;
      reached.resolve();
      return released.promise;
    },
  };
  return gate;
}

async function expectSuccess(origins: Origins, flow: StartedFlow, revenue: number, what: string): Promise<void> {
  const { status, body } = await pollResult(origins, flow, 15_000);
  assert.equal(status, 200, what);
  assert.equal(body['status'], 'success', `${what}: ${JSON.stringify(body)}`);
  assert.equal(salaryRevenue(body), revenue, what);
  const again = await postResult(origins, flow);
  assert.equal(again.status, 410, `${what}: handed out once`);
  assert.equal(((await again.json()) as { code: string }).code, 'already-redeemed', what);
}

async function deliver(browser: ScriptedBrowser, callbackUrl: string): Promise<string> {
  return (await handOffMessage(await browser.request(callbackUrl))).outcome;
}

describe('a relay killed (SIGKILL) with flows in every state, restarted on the same data and keys', () => {
  let dir: Awaited<ReturnType<typeof temporaryDir>>;
  let sandbox: SandboxForRelay;
  let relay: RelayProcess;
  let env: Record<string, string>;
  const gate = tokenGate();
  before(async () => {
    dir = await temporaryDir('relay-restart-');
    sandbox = await startSandboxForRelay({
      dataDir: `${dir.path}/sandbox`,
      clientId: 'myna-relay-restart',
      slowDelayMs: SLOW_DELAY_MS,
      beforeRequest: (path) => gate.beforeRequest(path),
    });
    env = { ...sandbox.relayEnv, RELAY_DATA_DIR: `${dir.path}/relay`, RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN, RELAY_DEV_ROUTES: '1' };
    relay = await startRelayProcess(env);
  });
  after(async () => {
    gate.release();
    await relay?.stop('SIGTERM');
    await sandbox?.close();
    await dir?.remove();
  });

  it('completes each flow after the restart with the persona\'s value, or ends it with a stable error; none is lost or handed out twice', { timeout: 60_000 }, async () => {
    const origins: Origins = { relayOrigin: sandbox.relayOrigin, sandboxOrigin: sandbox.sandboxOrigin };

    // Before the kill: one flow in each state a flow can be in while the user is busy.
    const created = await startFlow(origins);

    const atConsent = { flow: await startFlow(origins), browser: new ScriptedBrowser() };
    const consentScreen: PortalScreens = await openConsentScreen(atConsent.browser, origins, atConsent.flow);

    const callbackInHand = { flow: await startFlow(origins), browser: new ScriptedBrowser() };
    const inHandUrl = await consentAndAuthenticate(callbackInHand.browser, origins, await openConsentScreen(callbackInHand.browser, origins, callbackInHand.flow), TARO);

    const pending = { flow: await startFlow(origins), browser: new ScriptedBrowser() };
    const pendingUrl = await consentAndAuthenticate(pending.browser, origins, await openConsentScreen(pending.browser, origins, pending.flow), SUZUKI);
    assert.equal(await deliver(pending.browser, pendingUrl), 'consented');
    assert.equal(((await (await postResult(origins, pending.flow)).json()) as { status: string }).status, 'pending');

    const redeemed = { flow: await startFlow(origins), browser: new ScriptedBrowser() };
    const redeemedUrl = await consentAndAuthenticate(redeemed.browser, origins, await openConsentScreen(redeemed.browser, origins, redeemed.flow), TARO);
    assert.equal(await deliver(redeemed.browser, redeemedUrl), 'consented');
    assert.equal((await pollResult(origins, redeemed.flow)).body['status'], 'success');

    // The last one is mid-exchange: its token request is held at the portal when the relay dies.
    const exchanging = { flow: await startFlow(origins), browser: new ScriptedBrowser() };
    const exchangingUrl = await consentAndAuthenticate(exchanging.browser, origins, await openConsentScreen(exchanging.browser, origins, exchanging.flow), TARO);
    gate.held = true;
    const cutOff = exchanging.browser.request(exchangingUrl).then(
      () => 'answered',
      () => 'cut off',
    );
    await gate.reached;

    await relay.stop('SIGKILL');
    assert.equal(relay.process.signalCode, 'SIGKILL');
    assert.equal(await cutOff, 'cut off');
    gate.held = false;
    gate.release();
    relay = await startRelayProcess(env);

    // After the restart, the user carries on where they were.
    const launched = new ScriptedBrowser();
    const createdUrl = await consentAndAuthenticate(launched, origins, await openConsentScreen(launched, origins, created), TARO);
    assert.equal(await deliver(launched, createdUrl), 'consented');
    await expectSuccess(origins, created, 5_670_000, 'created before the kill');

    const atConsentUrl = await consentAndAuthenticate(atConsent.browser, origins, consentScreen, TARO);
    assert.equal(await deliver(atConsent.browser, atConsentUrl), 'consented');
    await expectSuccess(origins, atConsent.flow, 5_670_000, 'at the consent screen at the kill');

    assert.equal(await deliver(callbackInHand.browser, inHandUrl), 'consented');
    await expectSuccess(origins, callbackInHand.flow, 5_670_000, 'on the way back at the kill');

    await expectSuccess(origins, pending.flow, 4_200_000, 'pending (slow persona) at the kill');

    const redeemedAgain = await postResult(origins, redeemed.flow);
    assert.equal(redeemedAgain.status, 410);
    assert.equal(((await redeemedAgain.json()) as { code: string }).code, 'already-redeemed');

    // Replays of callbacks the dead relay had taken are refused: no code is exchanged twice.
    for (const [browser, url] of [[pending.browser, pendingUrl], [redeemed.browser, redeemedUrl], [exchanging.browser, exchangingUrl]] as const) {
      const replay = await browser.request(url);
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { code: string }).code, 'state-used');
    }
    // The flow cut off mid-exchange: awaiting consent while an exchange could still be running,
    // then a stable, retryable error instead of waiting for the flow's expiry.
    assert.deepEqual(await (await postResult(origins, exchanging.flow)).json(), { status: 'awaiting-consent' });
    const moved = await fetch(`${relay.url}/v1/dev/clock`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ at: new Date(Date.now() + EXCHANGE_LEASE_MS + 1000).toISOString() }),
    });
    assert.equal(moved.status, 200);
    for (let poll = 0; poll < 2; poll += 1) {
      assert.deepEqual(await (await postResult(origins, exchanging.flow)).json(), { status: 'error', code: 'relay-error', retryable: true });
    }
  });
});
