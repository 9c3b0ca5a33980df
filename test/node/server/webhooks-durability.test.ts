import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { webhookEvent } from '../../../src/protocol/index.js';
import { DEV_API_KEY } from '../../../src/server/index.js';
import { verifyWebhook } from '../../../src/server-sdk/index.js';
import { ALWAYS_OPEN, temporaryDir, widgetHeaders } from '../../support/fixtures.js';
import { startFlow } from '../../support/harness.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { startSandboxForRelay, type SandboxForRelay } from '../../support/stack.js';
import { clientsWithWebhook, startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from '../../support/webhook-receiver.js';

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('webhooks survive a relay killed between attempts', () => {
  let receiver: WebhookReceiver;
  let sandbox: SandboxForRelay;
  let relay: RelayProcess | undefined;
  let dirs: Awaited<ReturnType<typeof temporaryDir>>[];
  before(async () => {
    receiver = await startWebhookReceiver();
    dirs = [await temporaryDir('webhook-relay-'), await temporaryDir('webhook-sandbox-')];
    sandbox = await startSandboxForRelay({ dataDir: dirs[1]!.path, clientId: 'myna-relay-webhooks' });
  });
  after(async () => {
    await relay?.stop('SIGKILL');
    await sandbox.close();
    await receiver.close();
    for (const dir of dirs) await dir.remove();
  });

  it('SIGKILL after a failed attempt: the restarted relay delivers the same event, signed, once accepted', { timeout: 90_000 }, async () => {
    const env = { ...sandbox.relayEnv, RELAY_DATA_DIR: dirs[0]!.path, RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN, RELAY_CLIENTS: clientsWithWebhook(receiver.url) };
    receiver.answer = (_, index) => (index === 0 ? 500 : 204);
    relay = await startRelayProcess(env, 'relay A');
    const origins = { relayOrigin: relay.url, sandboxOrigin: sandbox.sandboxOrigin };
    const created = await fetch(`${relay.url}/v1/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEV_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: ['household'], purpose: 'benefit-application', reference: 'CITY-77' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { clientToken, sessionId } = (await created.json()) as { clientToken: string; sessionId: string };
    const flow = await startFlow(origins, { session: clientToken });
    const cancelled = await fetch(`${relay.url}/v1/flows/${flow.flowId}/cancel`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ secret: flow.secret }) });
    assert.equal(cancelled.status, 200);

    // The failed attempt is recorded (its log line follows the commit); then the process dies.
    const started = relay;
    await until(() => started.log.some((line) => line['msg'] === 'webhook failing'), 'the failed attempt', 15_000);
    await relay.stop('SIGKILL');
    assert.equal(receiver.deliveries.length, 1);

    relay = await startRelayProcess(env, 'relay B');
    // The backoff after a first failure is 15–30 s; then the restarted relay's dispatcher sends it.
    const [accepted] = await receiver.accepted(1, 60_000);
    assert.equal(receiver.deliveries.length, 2, 'one failed attempt, one accepted: nothing lost, nothing doubled');
    assert.equal(accepted!.body, receiver.deliveries[0]!.body, 'the same event, byte for byte');
    const event = verifyWebhook({ body: accepted!.body, signature: accepted!.headers['myna-signature'] as string, secrets: [WEBHOOK_SECRET] });
    assert.equal(webhookEvent.parse(event).type, 'session.cancelled');
    assert.deepEqual(event.data, { sessionId, reference: 'CITY-77', status: 'cancelled' });
  });
});
