import pg from 'pg';
import { migratePostgres } from './postgres-migrations.js';
import { FLOW_PURGE_LOCK, inTransaction, purgeUnderLock } from './postgres-transaction.js';
import { postgresRegistrations } from './postgres-registrations.js';
import { postgresSessions } from './postgres-sessions.js';
import { postgresWebhooks, recordPostgresEvent } from './postgres-webhooks.js';
import { eventStatusOfFlow } from './webhook-events.js';
import { FLOW_COLUMNS, flowFromRow, flowToRow, PATCH_COLUMNS, TOMBSTONE_MS, type FlowRow } from './rows.js';
import type { FlowPatch, RelayStore } from './types.js';

const INT8_OID = 20;

/**
 * BIGINT (epoch ms, COUNT) comes back as a number: every value the store keeps is far below 2^53.
 * Per pool, so other users of `pg` in the process keep the library's defaults.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresStoreOptions {
  /** Errors of idle pooled connections (the server restarted, the network dropped); without a listener they would crash the process. */
  onIdleError?: (error: Error) => void;
  /** Pool size; default 10. */
  maxConnections?: number;
}

const insertFlowSql = `INSERT INTO flows (${FLOW_COLUMNS.join(', ')}) VALUES (${FLOW_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`;

/**
 * The store for several relay instances: one Postgres database shared by all of them, a `pg.Pool`
 * per instance. Every state change is a single `UPDATE … WHERE status = ANY(…)`, so the
 * compare-and-set holds across processes; migrations run once under an advisory lock.
 */
export async function openPostgresRelayStore(url: string, options: PostgresStoreOptions = {}): Promise<RelayStore> {
  const pool = new pg.Pool({ connectionString: url, types, max: options.maxConnections ?? 10 });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closed = false;

  const selectOne = async (sql: string, value: string) => {
    const { rows } = await pool.query<FlowRow>(sql, [value]);
    return rows[0] === undefined ? undefined : flowFromRow(rows[0]);
  };

  return {
    ...postgresRegistrations(pool),
    ...postgresSessions(pool),
    ...postgresWebhooks(pool),
    async insert(record) {
      const row = flowToRow(record);
      await pool.query(insertFlowSql, FLOW_COLUMNS.map((column) => row[column]));
    },
    get: (id) => selectOne('SELECT * FROM flows WHERE id = $1', id),
    getByStateHash: (stateHash) => selectOne('SELECT * FROM flows WHERE state_hash = $1', stateHash),
    async transition(id, from, patch) {
      const entries = (Object.entries(patch) as [keyof FlowPatch, FlowPatch[keyof FlowPatch]][]).filter(
        ([, value]) => value !== undefined,
      );
      if (entries.length === 0 || from.length === 0) throw new Error('transition needs a patch and a from status');
      const assignments = entries.map(([key], index) => `${PATCH_COLUMNS[key]} = $${index + 3}`);
      const values = entries.map(([key, value]) => (key === 'outcome' && value !== null ? JSON.stringify(value) : value));
      const sql = `UPDATE flows SET ${assignments.join(', ')} WHERE id = $1 AND status = ANY($2::text[]) RETURNING (request::json)->>'sessionId' AS session_id`;
      const eventStatus = eventStatusOfFlow(patch.status);
      if (eventStatus === null) return (await pool.query(sql, [id, from, ...values])).rowCount === 1;
      // The session's event commits with the change, or neither does (transactional outbox).
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ session_id: string | null }>(sql, [id, from, ...values]);
        if (rows[0] === undefined) return false;
        if (rows[0].session_id !== null) await recordPostgresEvent(client, rows[0].session_id, eventStatus, { onlyIfOpen: true });
        return true;
      });
    },
    async claimPoll(id, now, lockUntil) {
      const result = await pool.query(
        `UPDATE flows SET poll_lock_until = $3
         WHERE id = $1 AND status = 'pending' AND (poll_lock_until IS NULL OR poll_lock_until <= $2)`,
        [id, now, lockUntil],
      );
      return result.rowCount === 1;
    },
    async purgeExpired(now) {
      await purgeUnderLock(pool, FLOW_PURGE_LOCK, [
        [
          `UPDATE flows SET sealed = NULL, poll_lock_until = NULL,
             status = CASE WHEN status IN ('redeemed', 'cancelled', 'unavailable', 'failed') THEN status ELSE 'expired' END
           WHERE expires_at <= $1 AND (sealed IS NOT NULL OR status NOT IN ('redeemed', 'cancelled', 'unavailable', 'failed', 'expired'))`,
          [now],
        ],
        ['DELETE FROM flows WHERE expires_at <= $1', [now - TOMBSTONE_MS]],
      ]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
