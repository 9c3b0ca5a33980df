import { Hono } from 'hono';
import * as z from 'zod/mini';
import { WEBHOOK_EVENT_ID, webhookDeliveryStatus, webhookEventList, type WebhookEventSummary } from '../../protocol/index.js';
import { answer } from '../http/answer.js';
import { providerAuth, type ProviderEnv } from '../http/provider-auth.js';
import { parseInput } from '../http/validate.js';
import { ProblemError } from '../problem.js';
import type { ClientAuthenticator } from '../sessions/api-keys.js';
import type { WebhookEventRecord, WebhookStore } from '../store/types.js';

export const WEBHOOKS_PATH = '/v1/webhooks';

const listQuery = z.strictObject({
  /** `failing` is the operator's view: still retried, or given up. */
  status: z.optional(z.union([webhookDeliveryStatus, z.literal('failing')])),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});

/** `/v1/webhooks/events`: a client's own outbox (API key, server to server), and redelivery. */
export function webhookRoutes(events: WebhookStore, authenticate: ClientAuthenticator, realNow: () => number): Hono<ProviderEnv> {
  const routes = new Hono<ProviderEnv>();
  routes.use('*', providerAuth(authenticate));

  routes.get('/events', async (c) => {
    const { status, limit } = parseInput(listQuery, c.req.query());
    const statuses = status === undefined ? undefined : status === 'failing' ? (['failing', 'abandoned'] as const) : [status];
    const list = await events.listEvents(c.get('client').id, { ...(statuses === undefined ? {} : { status: statuses }), limit: limit ?? 50 });
    return answer(c, webhookEventList, { events: list.map(summaryOf) });
  });

  routes.post('/events/:id/redeliver', async (c) => {
    const id = c.req.param('id');
    const client = c.get('client');
    if (!WEBHOOK_EVENT_ID.test(id) || !(await events.redeliverEvent(id, client.id, realNow()))) {
      throw new ProblemError('unknown-webhook-event', 'No such webhook event');
    }
    c.get('log')('info', 'webhook redelivery requested', { eventId: id, client: client.id });
    return c.body(null, 202);
  });

  return routes;
}

function summaryOf(event: WebhookEventRecord): WebhookEventSummary {
  const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());
  return {
    event: JSON.parse(event.body) as WebhookEventSummary['event'],
    status: event.status,
    attempts: event.attempts,
    lastResponseStatus: event.lastResponseStatus,
    lastError: event.lastError,
    nextAttemptAt: event.status === 'pending' || event.status === 'failing' ? iso(event.nextAttemptAt) : null,
    deliveredAt: iso(event.deliveredAt),
  };
}
