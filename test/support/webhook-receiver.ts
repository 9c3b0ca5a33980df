import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiKeyHash, DEV_API_KEY } from '../../src/server/index.js';
import { HOST_ORIGIN } from './fixtures.js';

export const WEBHOOK_SECRET = 'whsec_testsecret_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface ReceivedDelivery {
  body: string;
  headers: IncomingHttpHeaders;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  deliveries: ReceivedDelivery[];
  /** The status the next deliveries get; default 204. */
  answer: (delivery: Omit<ReceivedDelivery, 'status'>, index: number) => number;
  /** Resolves once `count` deliveries were answered 2xx. */
  accepted(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** A provider's webhook endpoint on loopback: records every delivery, answers what the test says. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const receiver: Partial<WebhookReceiver> = { deliveries, answer: () => 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { body: Buffer.concat(chunks).toString('utf8'), headers: request.headers };
      const status = receiver.answer!(delivery, deliveries.length);
      deliveries.push({ ...delivery, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/myna`,
    async accepted(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ok = deliveries.filter((delivery) => delivery.status >= 200 && delivery.status < 300);
        if (ok.length >= count) return ok;
        if (Date.now() > deadline) throw new Error(`${ok.length} of ${count} deliveries accepted (${deliveries.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  }) as WebhookReceiver;
}

/** RELAY_CLIENTS: the development client `demo`, with its webhook at `url`. */
export function clientsWithWebhook(url: string, secrets: readonly string[] = [WEBHOOK_SECRET]): string {
  return JSON.stringify([
    {
      id: 'demo',
      keyHashes: [apiKeyHash(DEV_API_KEY)],
      origins: [HOST_ORIGIN],
      purposes: ['mortgage-prescreen', 'benefit-application'],
      webhookUrl: url,
      webhookSecrets: secrets,
    },
  ]);
}
