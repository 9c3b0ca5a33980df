import type pg from 'pg';
import type { SessionStatus } from '../../protocol/index.js';
import type { WebhookStore } from './types.js';
import { attemptColumns, eventFromRow, newEventRow, WEBHOOK_EVENT_COLUMNS, type SequencedSession, type WebhookEventRow } from './webhook-events.js';

const insertSql = `INSERT INTO webhook_events (${WEBHOOK_EVENT_COLUMNS.join(', ')}) VALUES (${WEBHOOK_EVENT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`;

/** Records a session's event on `client`, inside the transaction of the change it reports. */
export async function recordPostgresEvent(client: pg.PoolClient, sessionId: string, status: SessionStatus, options: { onlyIfOpen?: boolean } = {}): Promise<void> {
  const { rows } = await client.query<SequencedSession>(
    `UPDATE sessions SET event_sequence = event_sequence + 1 WHERE id = $1 ${options.onlyIfOpen === true ? "AND state = 'open'" : ''}
     RETURNING id, client_id, reference, event_sequence`,
    [sessionId],
  );
  // A deleted session (or one already final) reports nothing more.
  if (rows[0] === undefined) return;
  const row = newEventRow(rows[0], status, Date.now());
  await client.query(insertSql, WEBHOOK_EVENT_COLUMNS.map((column) => row[column]));
}

const claimSql = `
  WITH due AS (
    SELECT id FROM webhook_events
    WHERE status IN ('pending', 'failing') AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1) AND client_id = ANY($3::text[])
    ORDER BY next_attempt_at
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  UPDATE webhook_events AS e SET lease_until = $2, attempts = e.attempts + 1
  FROM due WHERE e.id = due.id
  RETURNING e.*`;

/** The webhook outbox of the Postgres store, on the flows' pool. */
export function postgresWebhooks(pool: pg.Pool): WebhookStore {
  return {
    async claimDueEvents(realNow, leaseUntil, clientIds, limit) {
      if (clientIds.length === 0) return [];
      const { rows } = await pool.query<WebhookEventRow>(claimSql, [realNow, leaseUntil, clientIds, limit]);
      return rows.sort((a, b) => (a.next_attempt_at ?? 0) - (b.next_attempt_at ?? 0)).map(eventFromRow);
    },
    async finishAttempt(id, leaseUntil, result) {
      const columns = attemptColumns(result);
      const { rowCount } = await pool.query(
        `UPDATE webhook_events SET status = $3, next_attempt_at = $4, last_response_status = $5, last_error = $6,
           delivered_at = COALESCE($7, delivered_at), lease_until = NULL
         WHERE id = $1 AND lease_until = $2`,
        [id, leaseUntil, columns.status, columns.next_attempt_at, columns.last_response_status, columns.last_error, columns.delivered_at],
      );
      return rowCount === 1;
    },
    async getEvent(id) {
      const { rows } = await pool.query<WebhookEventRow>('SELECT * FROM webhook_events WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : eventFromRow(rows[0]);
    },
    async listEvents(clientId, { status, limit }) {
      const { rows } = await pool.query<WebhookEventRow>(
        `SELECT * FROM webhook_events WHERE client_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[]))
         ORDER BY created_at DESC, sequence DESC LIMIT $3`,
        [clientId, status ?? null, limit],
      );
      return rows.map(eventFromRow);
    },
    async redeliverEvent(id, clientId, realNow) {
      const { rowCount } = await pool.query(
        `UPDATE webhook_events SET status = 'pending', next_attempt_at = $3, redelivered_at = $3, lease_until = NULL WHERE id = $1 AND client_id = $2`,
        [id, clientId, realNow],
      );
      return rowCount === 1;
    },
    async purgeEvents(before) {
      await pool.query(`DELETE FROM webhook_events WHERE COALESCE(redelivered_at, created_at) < $1`, [before]);
    },
  };
}
