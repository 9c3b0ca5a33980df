import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteRelayStore, silentLogger, type SessionRecord } from '../../src/server/index.js';
import { startWebhookDispatcher } from '../../src/server/webhooks/dispatcher.js';
import { createWebhookSender } from '../../src/server/webhooks/send.js';
import type { BenchRow } from '../table.js';

const BACKLOG = 10_000;
const SECRET = `whsec_${'b'.repeat(43)}`;

function expiredSession(index: number): SessionRecord {
  return {
    id: `bench-${index}`,
    clientId: 'bench',
    tokenHash: `token-${index}`,
    state: 'open',
    reference: `APP-${index}`,
    items: ['household'],
    purpose: { id: 'bench', ja: 'ベンチ', en: 'Bench', retentionDays: 30 },
    query: { method: 'latest' },
    returnUrl: null,
    sealedSubject: null,
    sealedResult: null,
    flowId: null,
    retainUntil: '2027-01-01',
    createdAt: 0,
    expiresAt: 1,
    completedAt: null,
    resultExpiresAt: null,
  };
}

/**
 * The webhook outbox on SQLite (synchronous=FULL) draining a backlog of 10,000 events (one
 * session.expired per session, written by one purge) to a loopback receiver in this process,
 * through the real SSRF-guarded transport, 8 deliveries in flight (one endpoint).
 */
export async function webhooksSuite(): Promise<BenchRow[]> {
  const suite = 'webhooks';
  const dir = await mkdtemp(join(tmpdir(), 'bench-webhooks-'));
  const store = openSqliteRelayStore(dir);
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  try {
    for (let index = 0; index < BACKLOG; index += 1) await store.insertSession(expiredSession(index));
    const enqueueStarted = performance.now();
    await store.purgeSessions(2);
    const enqueueMs = performance.now() - enqueueStarted;

    const started = performance.now();
    const dispatcher = startWebhookDispatcher(
      {
        events: store,
        clients: [{ id: 'bench', keyHashes: [], origins: [], purposes: [], webhookUrl: url, webhookSecrets: [SECRET] }],
        send: createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] } }),
        log: silentLogger,
        realNow: Date.now,
      },
      { intervalMs: 60_000 },
    );
    await dispatcher.tick();
    const drainMs = performance.now() - started;
    await dispatcher.stop();
    const delivered = (await store.listEvents('bench', { status: ['delivered'], limit: 1 })).length;
    if (received !== BACKLOG || delivered !== 1) throw new Error(`received ${received} of ${BACKLOG}`);
    return [
      { suite, name: `outbox: ${BACKLOG} session.expired events written by one purge`, value: Math.round(enqueueMs), unit: 'ms' },
      { suite, name: `outbox: drain of a ${BACKLOG}-event backlog to a loopback receiver`, value: Math.round(drainMs), unit: 'ms', budget: 60_000, note: 'SQLite, signed, SSRF-guarded transport, 8 in flight' },
      { suite, name: 'webhook deliveries per second (drain)', value: Math.round(BACKLOG / (drainMs / 1000)), unit: 'req/s' },
    ];
  } finally {
    server.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
