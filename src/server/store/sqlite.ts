import { openDatabase, SQLITE_FILE } from './database.js';
import { flowFromRow, flowToRow, PATCH_COLUMNS, TOMBSTONE_MS, type FlowRow } from './rows.js';
import { registrationStatements } from './sqlite-registrations.js';
import { sessionStatements } from './sqlite-sessions.js';
import { webhookStatements } from './sqlite-webhooks.js';
import { eventStatusOfFlow } from './webhook-events.js';
import type { FlowPatch, RelayStore } from './types.js';

export { SQLITE_FILE };

/**
 * The embedded store: one SQLite file in `dataDir` (WAL, synchronous=FULL, secure_delete), flows
 * and fallback registrations on one connection. Purges checkpoint the WAL with TRUNCATE so
 * dropped secrets do not linger in the log file either.
 */
export function openSqliteRelayStore(dataDir: string): RelayStore {
  const db = openDatabase(dataDir);

  const insert = db.prepare(`
    INSERT INTO flows (id, state_hash, secret_hash, binding_hash, status, mode, return_url, request, retain_until,
                       outcome, sealed, created_at, expires_at, consented_at, next_poll_at, poll_lock_until)
    VALUES (@id, @state_hash, @secret_hash, @binding_hash, @status, @mode, @return_url, @request, @retain_until,
            @outcome, @sealed, @created_at, @expires_at, @consented_at, @next_poll_at, @poll_lock_until)`);
  const selectById = db.prepare<[string], FlowRow>('SELECT * FROM flows WHERE id = ?');
  const selectByState = db.prepare<[string], FlowRow>('SELECT * FROM flows WHERE state_hash = ?');
  const claimPoll = db.prepare(`
    UPDATE flows SET poll_lock_until = @lockUntil
    WHERE id = @id AND status = 'pending' AND (poll_lock_until IS NULL OR poll_lock_until <= @now)`);
  const expire = db.prepare(`
    UPDATE flows SET sealed = NULL, poll_lock_until = NULL,
      status = CASE WHEN status IN ('redeemed', 'cancelled', 'unavailable', 'failed') THEN status ELSE 'expired' END
    WHERE expires_at <= ? AND (sealed IS NOT NULL OR status NOT IN ('redeemed', 'cancelled', 'unavailable', 'failed', 'expired'))`);
  const deleteTombstones = db.prepare('DELETE FROM flows WHERE expires_at <= ?');

  const checkpoint = () => db.pragma('wal_checkpoint(TRUNCATE)');
  const webhooks = webhookStatements(db);
  let closed = false;

  return {
    ...registrationStatements(db, checkpoint),
    ...sessionStatements(db, checkpoint, webhooks.record),
    ...webhooks.store,
    async insert(record) {
      insert.run(flowToRow(record));
    },
    async get(id) {
      const row = selectById.get(id);
      return row === undefined ? undefined : flowFromRow(row);
    },
    async getByStateHash(stateHash) {
      const row = selectByState.get(stateHash);
      return row === undefined ? undefined : flowFromRow(row);
    },
    async transition(id, from, patch) {
      const entries = (Object.entries(patch) as [keyof FlowPatch, FlowPatch[keyof FlowPatch]][]).filter(
        ([, value]) => value !== undefined,
      );
      if (entries.length === 0 || from.length === 0) throw new Error('transition needs a patch and a from status');
      const assignments = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
      const values = Object.fromEntries(
        entries.map(([key, value]) => [key, key === 'outcome' && value !== null ? JSON.stringify(value) : value]),
      );
      const statusParams = Object.fromEntries(from.map((status, index) => [`from${index}`, status]));
      const statement = db.prepare<[Record<string, unknown>], { session_id: string | null }>(
        `UPDATE flows SET ${assignments.join(', ')} WHERE id = @id AND status IN (${from.map((_, index) => `@from${index}`).join(', ')})
         RETURNING json_extract(request, '$.sessionId') AS session_id`,
      );
      const eventStatus = eventStatusOfFlow(patch.status);
      // The session's event commits with the change, or neither does (transactional outbox).
      const changed = db.transaction(() => {
        const row = statement.get({ ...values, ...statusParams, id });
        if (row === undefined) return false;
        if (eventStatus !== null && row.session_id !== null) webhooks.record(row.session_id, eventStatus, { onlyIfOpen: true });
        return true;
      }).immediate();
      // Dropping a sealed value is a purge: keep it out of the WAL as well.
      if (changed && patch.sealed === null) checkpoint();
      return changed;
    },
    async claimPoll(id, now, lockUntil) {
      return claimPoll.run({ id, now, lockUntil }).changes === 1;
    },
    async purgeExpired(now) {
      const expired = expire.run(now).changes;
      const deleted = deleteTombstones.run(now - TOMBSTONE_MS).changes;
      if (expired + deleted > 0) checkpoint();
    },
    async close() {
      if (closed) return;
      closed = true;
      checkpoint();
      db.close();
    },
  };
}

/** The flow store alone (the same object: it also keeps registrations). */
export const openSqliteFlowStore = openSqliteRelayStore;
