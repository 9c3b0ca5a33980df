import type Database from 'better-sqlite3';
import type { SessionStatus } from '../../protocol/index.js';
import type { WebhookStore } from './types.js';
import { attemptColumns, eventFromRow, newEventRow, WEBHOOK_EVENT_COLUMNS, type SequencedSession, type WebhookEventRow } from './webhook-events.js';

/** Records a session's event; call inside the transaction of the change it reports. */
export type SqliteEventRecorder = (sessionId: string, status: SessionStatus, options?: { onlyIfOpen?: boolean }) => void;

/** The webhook outbox of the SQLite store, and the recorder the flow and session statements call. */
export function webhookStatements(db: Database.Database): { store: WebhookStore; record: SqliteEventRecorder } {
  const sequence = db.prepare<[string], SequencedSession>(
    'UPDATE sessions SET event_sequence = event_sequence + 1 WHERE id = ? RETURNING id, client_id, reference, event_sequence',
  );
  const sequenceIfOpen = db.prepare<[string], SequencedSession>(
    `UPDATE sessions SET event_sequence = event_sequence + 1 WHERE id = ? AND state = 'open' RETURNING id, client_id, reference, event_sequence`,
  );
  const insert = db.prepare(`INSERT INTO webhook_events (${WEBHOOK_EVENT_COLUMNS.join(', ')}) VALUES (${WEBHOOK_EVENT_COLUMNS.map((column) => `@${column}`).join(', ')})`);
  const claim = db.prepare<[{ now: number; leaseUntil: number; clients: string; limit: number }], WebhookEventRow>(`
    UPDATE webhook_events SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM webhook_events
      WHERE status IN ('pending', 'failing') AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
        AND client_id IN (SELECT value FROM json_each(@clients))
      ORDER BY next_attempt_at LIMIT @limit)
    RETURNING *`);
  const finish = db.prepare(`
    UPDATE webhook_events SET status = @status, next_attempt_at = @next_attempt_at, last_response_status = @last_response_status,
      last_error = @last_error, delivered_at = COALESCE(@delivered_at, delivered_at), lease_until = NULL
    WHERE id = @id AND lease_until = @leaseUntil`);
  const selectById = db.prepare<[string], WebhookEventRow>('SELECT * FROM webhook_events WHERE id = ?');
  const redeliver = db.prepare(`
    UPDATE webhook_events SET status = 'pending', next_attempt_at = @now, redelivered_at = @now, lease_until = NULL
    WHERE id = @id AND client_id = @clientId`);
  const purge = db.prepare(`DELETE FROM webhook_events WHERE COALESCE(redelivered_at, created_at) < ?`);

  const record: SqliteEventRecorder = (sessionId, status, options = {}) => {
    const session = (options.onlyIfOpen === true ? sequenceIfOpen : sequence).get(sessionId);
    // A deleted session (or one already final) reports nothing more.
    if (session !== undefined) insert.run(newEventRow(session, status, Date.now()));
  };

  return {
    record,
    store: {
      async claimDueEvents(realNow, leaseUntil, clientIds, limit) {
        if (clientIds.length === 0) return [];
        const rows = claim.all({ now: realNow, leaseUntil, clients: JSON.stringify(clientIds), limit });
        return rows.sort((a, b) => (a.next_attempt_at ?? 0) - (b.next_attempt_at ?? 0)).map(eventFromRow);
      },
      async finishAttempt(id, leaseUntil, result) {
        return finish.run({ ...attemptColumns(result), id, leaseUntil }).changes === 1;
      },
      async getEvent(id) {
        const row = selectById.get(id);
        return row === undefined ? undefined : eventFromRow(row);
      },
      async listEvents(clientId, { status, limit }) {
        const filter = status === undefined ? '' : `AND status IN (${status.map(() => '?').join(', ')})`;
        const rows = db
          .prepare<unknown[], WebhookEventRow>(`SELECT * FROM webhook_events WHERE client_id = ? ${filter} ORDER BY created_at DESC, sequence DESC LIMIT ?`)
          .all(clientId, ...(status ?? []), limit);
        return rows.map(eventFromRow);
      },
      async redeliverEvent(id, clientId, realNow) {
        return redeliver.run({ id, clientId, now: realNow }).changes === 1;
      },
      async purgeEvents(before) {
        purge.run(before);
      },
    },
  };
}
