import { randomBytes } from 'node:crypto';
import type { SessionStatus, WebhookDeliveryStatus, WebhookEvent, WebhookEventType } from '../../protocol/index.js';
import type { FlowStatus, SessionState, WebhookAttemptResult, WebhookEventRecord } from './types.js';

/**
 * How long events stay listable for operators: longer than the longest retry window (720 h), so
 * only settled events go — and those of a client without a webhook URL, which are never sent.
 */
export const EVENT_RETENTION_MS = 35 * 24 * 60 * 60 * 1000;

export interface WebhookEventRow {
  id: string;
  client_id: string;
  session_id: string;
  type: string;
  sequence: number;
  created_at: number;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  last_response_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
  redelivered_at: number | null;
}

export const WEBHOOK_EVENT_COLUMNS = [
  'id', 'client_id', 'session_id', 'type', 'sequence', 'created_at', 'body', 'status', 'attempts', 'next_attempt_at',
  'lease_until', 'last_response_status', 'last_error', 'delivered_at', 'redelivered_at',
] as const satisfies readonly (keyof WebhookEventRow)[];

/** What a session reads as after a change a provider acts on; null for the others (pending, a new attempt). */
export function eventStatusOfFlow(status: FlowStatus | undefined): SessionStatus | null {
  if (status === 'failed' || status === 'unavailable') return 'failed';
  return status === 'cancelled' ? 'cancelled' : null;
}

export function eventStatusOfSession(state: SessionState | undefined): SessionStatus | null {
  return state === 'completed' || state === 'subject_mismatch' || state === 'expired' ? state : null;
}

/** The session as the event needs it, after its `event_sequence` was counted up in the same transaction. */
export interface SequencedSession {
  id: string;
  client_id: string;
  reference: string | null;
  event_sequence: number;
}

/** A new outbox row: due at once, its body fixed for every attempt. */
export function newEventRow(session: SequencedSession, status: SessionStatus, realNow: number): WebhookEventRow {
  const id = `evt_${randomBytes(16).toString('base64url')}`;
  const type = `session.${status}` as WebhookEventType;
  const event: WebhookEvent = {
    id,
    type,
    created: new Date(realNow).toISOString(),
    sequence: session.event_sequence,
    data: { sessionId: session.id, reference: session.reference, status },
  };
  return {
    id,
    client_id: session.client_id,
    session_id: session.id,
    type,
    sequence: session.event_sequence,
    created_at: realNow,
    body: JSON.stringify(event),
    status: 'pending',
    attempts: 0,
    next_attempt_at: realNow,
    lease_until: null,
    last_response_status: null,
    last_error: null,
    delivered_at: null,
    redelivered_at: null,
  };
}

/** The columns an attempt's end sets. */
export function attemptColumns(result: WebhookAttemptResult) {
  return {
    status: result.status,
    next_attempt_at: result.status === 'failing' ? result.nextAttemptAt : null,
    last_response_status: result.responseStatus,
    last_error: result.status === 'delivered' ? null : result.error,
    delivered_at: result.status === 'delivered' ? result.at : null,
  };
}

export function eventFromRow(row: WebhookEventRow): WebhookEventRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    sessionId: row.session_id,
    type: row.type as WebhookEventType,
    sequence: row.sequence,
    createdAt: row.created_at,
    body: row.body,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    lastResponseStatus: row.last_response_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    redeliveredAt: row.redelivered_at,
  };
}
