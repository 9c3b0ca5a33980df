import * as z from 'zod/mini';
import { sessionStatus } from './sessions.js';

/**
 * Webhooks: the relay POSTs one JSON event to a client's `webhookUrl` on every session change a
 * provider acts on. At least once (an event id to drop repeats), in any order (`sequence` grows
 * per session, so a receiver drops an event older than one it already has), never personal
 * values: the backend fetches the result itself (server SDK).
 */

/** The session changes that send an event. */
export const webhookEventType = z.enum(['session.completed', 'session.failed', 'session.cancelled', 'session.expired', 'session.subject_mismatch']);
export type WebhookEventType = z.infer<typeof webhookEventType>;

/** `evt_` and 22 base64url characters (128 random bits). */
export const WEBHOOK_EVENT_ID = /^evt_[A-Za-z0-9_-]{22}$/;

/** The body of every delivery, byte for byte the same on each attempt. */
export const webhookEvent = z.object({
  id: z.string().check(z.regex(WEBHOOK_EVENT_ID)),
  type: webhookEventType,
  /** When the change happened, ISO 8601 UTC. */
  created: z.string(),
  /** 1, 2, … per session. */
  sequence: z.number().check(z.int(), z.positive()),
  data: z.object({ sessionId: z.string(), reference: z.nullable(z.string()), status: sessionStatus }),
});
export type WebhookEvent = z.infer<typeof webhookEvent>;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, one `v1=` per active secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'Myna-Signature';

/** A webhook signing secret as configured for a client: `whsec_` and at least 32 base64url characters. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9_-]{32,}$/;

/** Where an event stands in the relay's outbox (`GET /v1/webhooks/events?status=…`). */
export const webhookDeliveryStatus = z.enum(['pending', 'failing', 'delivered', 'abandoned']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatus>;

/** One event as the operator routes show it: the event and how its delivery went, never a body the receiver sent back. */
export const webhookEventSummary = z.object({
  event: webhookEvent,
  status: webhookDeliveryStatus,
  attempts: z.number(),
  /** The receiver's HTTP status of the last attempt, or null (no answer, or not tried yet). */
  lastResponseStatus: z.nullable(z.number()),
  /** Why the last attempt failed when no status says it: `timeout`, `unreachable`, `target-refused`, … */
  lastError: z.nullable(z.string()),
  nextAttemptAt: z.nullable(z.string()),
  deliveredAt: z.nullable(z.string()),
});
export type WebhookEventSummary = z.infer<typeof webhookEventSummary>;

/** `GET /v1/webhooks/events` */
export const webhookEventList = z.object({ events: z.array(webhookEventSummary) });
export type WebhookEventList = z.infer<typeof webhookEventList>;
