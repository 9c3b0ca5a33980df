import type pg from 'pg';
import { insertCompletingKey, inTransaction, SESSION_PURGE_LOCK } from './postgres-transaction.js';
import { recordPostgresEvent } from './postgres-webhooks.js';
import { eventStatusOfSession } from './webhook-events.js';
import { SESSION_COLUMNS, SESSION_PATCH_COLUMNS, sessionFromRow, sessionToRow, TOMBSTONE_MS, type SessionRow } from './rows.js';
import type { SessionPatch, SessionStore } from './types.js';

const insertSql = `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) VALUES (${SESSION_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`;

/** The SessionStore part of the Postgres store, on the flows' pool. */
export function postgresSessions(pool: pg.Pool): SessionStore {
  const selectOne = async (sql: string, value: string) => {
    const { rows } = await pool.query<SessionRow>(sql, [value]);
    return rows[0] === undefined ? undefined : sessionFromRow(rows[0]);
  };

  return {
    async insertSession(record, idempotency) {
      const row = sessionToRow(record);
      await insertCompletingKey(pool, insertSql, SESSION_COLUMNS.map((column) => row[column]), idempotency);
    },
    getSession: (id) => selectOne('SELECT * FROM sessions WHERE id = $1', id),
    getSessionByTokenHash: (tokenHash) => selectOne('SELECT * FROM sessions WHERE token_hash = $1', tokenHash),
    async updateSession(id, from, patch) {
      const entries = (Object.entries(patch) as [keyof SessionPatch, unknown][]).filter(([, value]) => value !== undefined);
      if (entries.length === 0 || from.length === 0) throw new Error('updateSession needs a patch and a from state');
      const assignments = entries.map(([key], index) => `${SESSION_PATCH_COLUMNS[key]} = $${index + 3}`);
      const sql = `UPDATE sessions SET ${assignments.join(', ')} WHERE id = $1 AND state = ANY($2::text[])`;
      const values = [id, from, ...entries.map(([, value]) => value)];
      const eventStatus = eventStatusOfSession(patch.state);
      if (eventStatus === null) return (await pool.query(sql, values)).rowCount === 1;
      return inTransaction(pool, async (client) => {
        if ((await client.query(sql, values)).rowCount !== 1) return false;
        await recordPostgresEvent(client, id, eventStatus);
        return true;
      });
    },
    async deleteSession(id) {
      return (await pool.query('DELETE FROM sessions WHERE id = $1', [id])).rowCount === 1;
    },
    async purgeSessions(now) {
      // As purgeUnderLock, and each expiry records its event in the same transaction.
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [SESSION_PURGE_LOCK]);
        if (rows[0]?.locked !== true) return;
        const expired = await client.query<{ id: string }>(
          `UPDATE sessions SET state = 'expired', sealed_subject = NULL WHERE state = 'open' AND expires_at <= $1 RETURNING id`,
          [now],
        );
        for (const { id } of expired.rows) await recordPostgresEvent(client, id, 'expired');
        await client.query('UPDATE sessions SET sealed_result = NULL, sealed_subject = NULL WHERE sealed_result IS NOT NULL AND result_expires_at <= $1', [now]);
        await client.query('DELETE FROM sessions WHERE expires_at <= $1 AND (result_expires_at IS NULL OR result_expires_at <= $1)', [now - TOMBSTONE_MS]);
      });
    },
  };
}
