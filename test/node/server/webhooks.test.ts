import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { webhookEvent, webhookEventList, type WebhookEvent } from '../../../src/protocol/index.js';
import { DEV_API_KEY } from '../../../src/server/index.js';
import { MynaWebhookError, verifyWebhook } from '../../../src/server-sdk/index.js';
import { ALWAYS_OPEN, widgetHeaders } from '../../support/fixtures.js';
import { consentAndAuthenticate, openConsentScreen, pollResult, ScriptedBrowser, startFlow, type StartedFlow } from '../../support/harness.js';
import { startStack, type Stack } from '../../support/stack.js';
import { clientsWithWebhook, startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from '../../support/webhook-receiver.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };

function provider(relayOrigin: string) {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${relayOrigin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${DEV_API_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    call,
    async create(reference: string) {
      const response = await call('POST', '/v1/sessions', { items: ['localTax.salaryRevenue', 'localTax.taxYear'], purpose: 'mortgage-prescreen', reference });
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as { sessionId: string; clientToken: string };
    },
    async events(query = '') {
      const response = await call('GET', `/v1/webhooks/events${query}`);
      assert.equal(response.status, 200, await response.clone().text());
      return webhookEventList.parse(await response.json()).events;
    },
  };
}

async function consent(stack: Stack, flow: StartedFlow) {
  const browser = new ScriptedBrowser();
  const screens = await openConsentScreen(browser, stack, flow);
  await browser.request(await consentAndAuthenticate(browser, stack, screens, TARO));
  return pollResult(stack, flow);
}

function cancel(stack: Stack, flow: StartedFlow) {
  return fetch(`${stack.relayOrigin}/v1/flows/${flow.flowId}/cancel`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ secret: flow.secret }) });
}

/** Every delivery verified as a receiver would, with the SDK. */
function verified(receiver: WebhookReceiver): WebhookEvent[] {
  return receiver.deliveries.map((delivery) =>
    verifyWebhook({ body: delivery.body, signature: delivery.headers['myna-signature'] as string, secrets: [WEBHOOK_SECRET] }),
  );
}

describe('webhooks over real HTTP: outbox, signatures, retries, redelivery', () => {
  let receiver: WebhookReceiver;
  let stack: Stack;
  before(async () => {
    receiver = await startWebhookReceiver();
    stack = await startStack({
      env: { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN, RELAY_CLIENTS: clientsWithWebhook(receiver.url) },
      sandbox: { clientId: 'myna-relay-test' },
      overrides: { webhookRetry: { baseMs: 40, maxMs: 200 }, webhookIntervalMs: 25 },
    });
  });
  after(async () => {
    await stack.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.deliveries.length = 0;
    receiver.answer = () => 204;
  });

  it('a receiver that fails the first three deliveries gets every event, signed, with one id and one body on every attempt', async () => {
    receiver.answer = (_, index) => (index < 3 ? 500 : 204);
    const api = provider(stack.relayOrigin);
    const session = await api.create('APP-WH-1');
    const flow = await startFlow(stack, { session: session.clientToken });
    const polled = await consent(stack, flow);
    assert.equal(polled.body['status'], 'success');

    const [accepted] = await receiver.accepted(1);
    assert.equal(receiver.deliveries.length, 4, 'three failures, then the accepted attempt');
    const events = verified(receiver);
    assert.equal(new Set(events.map((event) => event.id)).size, 1, 'the same event id on every attempt');
    assert.equal(new Set(receiver.deliveries.map((delivery) => delivery.body)).size, 1, 'the same bytes on every attempt');
    const event = webhookEvent.parse(JSON.parse(accepted!.body));
    assert.equal(event.type, 'session.completed');
    assert.deepEqual(event.data, { sessionId: session.sessionId, reference: 'APP-WH-1', status: 'completed' });
    assert.equal(event.sequence, 1);
    assert.ok(Math.abs(Date.parse(event.created) - Date.now()) < 60_000);
    // Never personal values: the backend fetches the result itself.
    assert.doesNotMatch(accepted!.body, /5670000|山田|1985/);
    assert.equal(accepted!.headers['content-type'], 'application/json; charset=utf-8');

    const [listed] = (await api.events()).filter((summary) => summary.event.id === event.id);
    assert.equal(listed?.status, 'delivered');
    assert.equal(listed?.attempts, 4);
    assert.equal(listed?.lastResponseStatus, 204);
  });

  it('a cancelled attempt and then completion: sequence grows per session, and every event arrives', async () => {
    const api = provider(stack.relayOrigin);
    const session = await api.create('APP-WH-2');
    const first = await startFlow(stack, { session: session.clientToken });
    assert.equal((await cancel(stack, first)).status, 200);
    const second = await startFlow(stack, { session: session.clientToken });
    assert.equal((await consent(stack, second)).body['status'], 'success');
    await receiver.accepted(2);
    const events = verified(receiver).sort((a, b) => a.sequence - b.sequence);
    assert.deepEqual(
      events.map((event) => [event.type, event.sequence]),
      [
        ['session.cancelled', 1],
        ['session.completed', 2],
      ],
    );
  });

  it('a tampered delivery fails verifyWebhook; a signature of another secret too', async () => {
    const api = provider(stack.relayOrigin);
    const session = await api.create('APP-WH-3');
    assert.equal((await cancel(stack, await startFlow(stack, { session: session.clientToken }))).status, 200);
    const [delivery] = await receiver.accepted(1);
    const signature = delivery!.headers['myna-signature'] as string;
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.throws(
      () => verifyWebhook({ body: delivery!.body.replace('APP-WH-3', 'APP-WH-4'), signature, secrets: [WEBHOOK_SECRET] }),
      (error: unknown) => error instanceof MynaWebhookError && error.code === 'signature-mismatch',
    );
    assert.throws(
      () => verifyWebhook({ body: delivery!.body, signature, secrets: ['whsec_another_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'] }),
      (error: unknown) => error instanceof MynaWebhookError && error.code === 'signature-mismatch',
    );
  });

  it('failing events are listed for operators, and a redelivery sends the same event again', async () => {
    receiver.answer = () => 503;
    const api = provider(stack.relayOrigin);
    const session = await api.create('APP-WH-5');
    assert.equal((await cancel(stack, await startFlow(stack, { session: session.clientToken }))).status, 200);
    const deadline = Date.now() + 10_000;
    let failing = await api.events('?status=failing');
    while (!failing.some((summary) => summary.event.data.sessionId === session.sessionId) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      failing = await api.events('?status=failing');
    }
    const summary = failing.find((candidate) => candidate.event.data.sessionId === session.sessionId);
    assert.ok(summary !== undefined, 'listed as failing');
    assert.equal(summary.lastResponseStatus, 503);
    assert.ok(['failing', 'abandoned'].includes(summary.status));

    receiver.answer = () => 200;
    const redeliver = await api.call('POST', `/v1/webhooks/events/${summary.event.id}/redeliver`);
    assert.equal(redeliver.status, 202);
    const accepted = await receiver.accepted(1);
    assert.equal(webhookEvent.parse(JSON.parse(accepted[0]!.body)).id, summary.event.id);

    const unknown = await api.call('POST', '/v1/webhooks/events/evt_AAAAAAAAAAAAAAAAAAAAAA/redeliver');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: string }).code, 'unknown-webhook-event');
    const malformed = await api.call('GET', '/v1/webhooks/events?status=lost');
    assert.equal(malformed.status, 400);
  });

  it('the operator routes are server to server: no key → 401, a browser → refused', async () => {
    assert.equal((await fetch(`${stack.relayOrigin}/v1/webhooks/events`)).status, 401);
    const fromBrowser = await fetch(`${stack.relayOrigin}/v1/webhooks/events`, { headers: { Authorization: `Bearer ${DEV_API_KEY}`, Origin: 'http://localhost:5173' } });
    assert.equal(((await fromBrowser.json()) as { code: string }).code, 'browser-request-refused');
    assert.equal(fromBrowser.headers.get('access-control-allow-origin'), null);
  });
});
