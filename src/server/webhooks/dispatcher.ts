import { WEBHOOK_SIGNATURE_HEADER } from '../../protocol/index.js';
import type { ClientConfig } from '../config.js';
import type { Logger } from '../log.js';
import { startPeriodic, type PeriodicJob } from '../periodic.js';
import type { WebhookAttemptResult, WebhookEventRecord, WebhookStore } from '../store/types.js';
import { EVENT_RETENTION_MS } from '../store/webhook-events.js';
import { webhookSignature } from './signature.js';

/** Sends one delivery; resolves with any HTTP status, rejects (with a `code`) when no answer came. */
export type WebhookSend = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number }>;

/** Exponential backoff with jitter: attempt n waits baseMs·2^(n−1) (at most maxMs), scaled by 0.5–1. */
export interface WebhookRetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Retries stop this long after the event (or its redelivery). */
  windowMs: number;
}

export const DEFAULT_RETRY: WebhookRetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000, windowMs: 72 * 60 * 60_000 };

export interface WebhookDispatcherOptions {
  intervalMs?: number;
  /** Events claimed per store call; default 100. */
  batchSize?: number;
  /** Deliveries in flight per endpoint, so a slow receiver is not flooded; default 8. */
  concurrency?: number;
  retry?: WebhookRetryPolicy;
  random?: () => number;
}

/** `tick()` delivers everything due now. */
export type WebhookDispatcher = PeriodicJob;

/** Longer than a delivery's timeout: a dispatcher that died lets go of its events after it. */
const LEASE_MS = 60_000;

/**
 * Delivers the outbox: leases due events (several relays share the work without sending one
 * twice at once), POSTs each to its client's endpoint signed with every active secret and a
 * fresh timestamp, and records the outcome. Any non-2xx answer or no answer is retried until the
 * retry window ends; the event id and body stay the same on every attempt (at least once).
 */
export function startWebhookDispatcher(
  context: { events: WebhookStore; clients: readonly ClientConfig[]; send: WebhookSend; log: Logger; realNow: () => number },
  options: WebhookDispatcherOptions = {},
): WebhookDispatcher {
  const endpoints = new Map(context.clients.filter((client) => client.webhookUrl !== undefined).map((client) => [client.id, client]));
  const clientIds = [...endpoints.keys()];
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  const retry = options.retry ?? DEFAULT_RETRY;
  const random = options.random ?? Math.random;
  let stopped = false;
  let lastPurge = 0;

  const attempt = async (event: WebhookEventRecord, client: ClientConfig): Promise<void> => {
    // A fresh timestamp per attempt: retries run for days, a receiver's tolerance is minutes.
    const headers = { [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(client.webhookSecrets ?? [], Math.floor(context.realNow() / 1000), event.body) };
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      responseStatus = (await context.send(client.webhookUrl!, headers, event.body)).status;
    } catch (failure) {
      error = typeof (failure as { code?: unknown }).code === 'string' ? (failure as { code: string }).code : 'send-failed';
    }
    const now = context.realNow();
    const result = outcomeOf(event, responseStatus, error, now, retry, random);
    await context.events.finishAttempt(event.id, event.leaseUntil ?? 0, result);
    if (result.status === 'delivered') return;
    context.log(result.status === 'abandoned' ? 'error' : 'warn', `webhook ${result.status}`, {
      eventId: event.id,
      client: client.id,
      attempts: event.attempts,
      ...(responseStatus === null ? { error } : { responseStatus }),
    });
  };

  /** Runs an endpoint's events with at most `concurrency` in flight. */
  const deliverAll = async (events: WebhookEventRecord[], client: ClientConfig) => {
    const queue = [...events];
    const worker = async () => {
      for (let event = queue.shift(); event !== undefined && !stopped; event = queue.shift()) {
        await attempt(event, client).catch((failure: unknown) =>
          context.log('error', 'webhook attempt failed', { eventId: event.id, detail: (failure as Error).message }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  };

  const round = async () => {
    const now = context.realNow();
    if (now - lastPurge > 60_000) {
      lastPurge = now;
      await context.events.purgeEvents(now - EVENT_RETENTION_MS);
    }
    for (;;) {
      if (stopped) return;
      const realNow = context.realNow();
      const due = await context.events.claimDueEvents(realNow, realNow + LEASE_MS, clientIds, batchSize);
      const byClient = new Map<string, WebhookEventRecord[]>();
      for (const event of due) byClient.set(event.clientId, [...(byClient.get(event.clientId) ?? []), event]);
      await Promise.all([...byClient].map(([clientId, events]) => deliverAll(events, endpoints.get(clientId)!)));
      if (due.length < batchSize) return;
    }
  };

  const job = startPeriodic(round, options.intervalMs ?? 1000, context.log, 'webhook dispatcher failed');
  return {
    tick: job.tick,
    async stop() {
      stopped = true;
      await job.stop();
    },
  };
}

/** 2xx is delivered; anything else is retried after the backoff, unless that passes the retry window. */
function outcomeOf(
  event: WebhookEventRecord,
  responseStatus: number | null,
  error: string | null,
  now: number,
  retry: WebhookRetryPolicy,
  random: () => number,
): WebhookAttemptResult {
  if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) return { status: 'delivered', at: now, responseStatus };
  const delay = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, event.attempts - 1)) * (0.5 + random() / 2);
  const giveUpAt = Math.max(event.createdAt, event.redeliveredAt ?? 0) + retry.windowMs;
  return now + delay > giveUpAt
    ? { status: 'abandoned', responseStatus, error }
    : { status: 'failing', nextAttemptAt: Math.round(now + delay), responseStatus, error };
}
