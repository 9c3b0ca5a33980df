import type Database from 'better-sqlite3';
import { SESSION_COLUMNS, SESSION_PATCH_COLUMNS, sessionFromRow, sessionToRow, TOMBSTONE_MS, type SessionRow } from './rows.js';
import { insertCompletingKey } from './database.js';
import type { SqliteEventRecorder } from './sqlite-webhooks.js';
import type { SessionPatch, SessionStore } from './types.js';
import { eventStatusOfSession } from './webhook-events.js';

/** The SessionStore part of the SQLite store, on the connection the flows use. */
export function sessionStatements(db: Database.Database, checkpoint: () => void, recordEvent: SqliteEventRecorder): SessionStore {
  const insert = db.prepare(`INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) VALUES (${SESSION_COLUMNS.map((column) => `@${column}`).join(', ')})`);
  const selectById = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const selectByToken = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const deleteById = db.prepare('DELETE FROM sessions WHERE id = ?');
  const expire = db.prepare<[number], { id: string }>(`UPDATE sessions SET state = 'expired', sealed_subject = NULL WHERE state = 'open' AND expires_at <= ? RETURNING id`);
  const dropResults = db.prepare('UPDATE sessions SET sealed_result = NULL, sealed_subject = NULL WHERE sealed_result IS NOT NULL AND result_expires_at <= ?');
  const deleteTombstones = db.prepare('DELETE FROM sessions WHERE expires_at <= @before AND (result_expires_at IS NULL OR result_expires_at <= @before)');

  const insertWithKey = insertCompletingKey<SessionRow>(db, insert);

  return {
    async insertSession(record, idempotency) {
      insertWithKey.immediate(sessionToRow(record), idempotency);
    },
    async getSession(id) {
      const row = selectById.get(id);
      return row === undefined ? undefined : sessionFromRow(row);
    },
    async getSessionByTokenHash(tokenHash) {
      const row = selectByToken.get(tokenHash);
      return row === undefined ? undefined : sessionFromRow(row);
    },
    async updateSession(id, from, patch) {
      const entries = (Object.entries(patch) as [keyof SessionPatch, unknown][]).filter(([, value]) => value !== undefined);
      if (entries.length === 0 || from.length === 0) throw new Error('updateSession needs a patch and a from state');
      const statement = db.prepare(
        `UPDATE sessions SET ${entries.map(([key]) => `${SESSION_PATCH_COLUMNS[key]} = @${key}`).join(', ')}
         WHERE id = @id AND state IN (${from.map((_, index) => `@from${index}`).join(', ')})`,
      );
      const eventStatus = eventStatusOfSession(patch.state);
      const changed = db.transaction(() => {
        const updated = statement.run({ ...Object.fromEntries(entries), ...Object.fromEntries(from.map((state, index) => [`from${index}`, state])), id }).changes === 1;
        if (updated && eventStatus !== null) recordEvent(id, eventStatus);
        return updated;
      }).immediate();
      // Dropping sealed data is a purge: keep it out of the WAL as well.
      if (changed && (patch.sealedResult === null || patch.sealedSubject === null)) checkpoint();
      return changed;
    },
    async deleteSession(id) {
      const deleted = deleteById.run(id).changes === 1;
      if (deleted) checkpoint();
      return deleted;
    },
    async purgeSessions(now) {
      const changed = db.transaction(() => {
        const expired = expire.all(now);
        for (const { id } of expired) recordEvent(id, 'expired');
        return expired.length + dropResults.run(now).changes + deleteTombstones.run({ before: now - TOMBSTONE_MS }).changes;
      }).immediate();
      if (changed > 0) checkpoint();
    },
  };
}
