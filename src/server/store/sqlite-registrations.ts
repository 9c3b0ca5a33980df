import type Database from 'better-sqlite3';
import { insertCompletingKey } from './database.js';
import { keyFromRow, registrationFromRow, registrationToRow, type IdempotencyRow, type RegistrationRow } from './rows.js';
import type { RegistrationStore } from './types.js';

/** The RegistrationStore half of the SQLite store, on the connection the flows use. */
export function registrationStatements(db: Database.Database, checkpoint: () => void): RegistrationStore {
  const insert = db.prepare(`
    INSERT INTO registrations (id, status, reason, lang, request, flow_id, sealed_contact, sealed_return, created_at, send_at,
                               attempts, claimed_until, sent_at, link_expires_at, used_at, retain_until)
    VALUES (@id, @status, @reason, @lang, @request, @flow_id, @sealed_contact, @sealed_return, @created_at, @send_at,
            @attempts, @claimed_until, @sent_at, @link_expires_at, @used_at, @retain_until)`);
  const selectById = db.prepare<[string], RegistrationRow>('SELECT * FROM registrations WHERE id = ?');
  const selectDue = db.prepare<{ now: number; realNow: number; limit: number }, RegistrationRow>(`
    SELECT * FROM registrations
    WHERE status = 'waiting' AND send_at <= @now AND retain_until > @now AND (claimed_until IS NULL OR claimed_until <= @realNow)
    ORDER BY send_at LIMIT @limit`);
  const lease = db.prepare(`
    UPDATE registrations SET claimed_until = @leaseUntil, attempts = attempts + 1
    WHERE id = @id AND status = 'waiting' AND (claimed_until IS NULL OR claimed_until <= @realNow)`);
  const reschedule = db.prepare(`
    UPDATE registrations SET send_at = @sendAt, claimed_until = NULL WHERE id = @id AND status = 'waiting' AND claimed_until IS NOT NULL`);
  const markSent = db.prepare(`
    UPDATE registrations SET status = 'sent', sealed_contact = NULL, claimed_until = NULL, sent_at = @sentAt, link_expires_at = @linkExpiresAt
    WHERE id = @id AND status = 'waiting'`);
  const markUsed = db.prepare(`
    UPDATE registrations SET status = 'used', sealed_return = NULL, sealed_contact = NULL, claimed_until = NULL, used_at = @usedAt,
      link_expires_at = COALESCE(link_expires_at, @linkExpiresAt)
    WHERE id = @id AND status IN ('waiting', 'sent')`);
  const deleteById = db.prepare('DELETE FROM registrations WHERE id = ?');
  const purgeRows = db.prepare(`
    DELETE FROM registrations WHERE retain_until <= @now OR (status IN ('sent', 'used') AND link_expires_at <= @now)`);
  const purgeKeys = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');

  const selectKey = db.prepare<[string], IdempotencyRow>('SELECT * FROM idempotency_keys WHERE key_hash = ?');
  const insertKey = db.prepare(`
    INSERT OR IGNORE INTO idempotency_keys (key_hash, sealed_fingerprint, owner, state, locked_until, answer, expires_at)
    VALUES (@keyHash, @sealedFingerprint, @owner, @state, @lockedUntil, @answer, @expiresAt)`);
  const takeOverKey = db.prepare(`
    UPDATE idempotency_keys SET sealed_fingerprint = @sealedFingerprint, owner = @owner, locked_until = @lockedUntil, expires_at = @expiresAt
    WHERE key_hash = @keyHash AND owner = @previousOwner AND state = 'running'`);
  const releaseKey = db.prepare(`DELETE FROM idempotency_keys WHERE key_hash = ? AND owner = ? AND state = 'running'`);

  const insertWithKey = insertCompletingKey<RegistrationRow>(db, insert);
  const claimDue = db.transaction((now: number, realNow: number, leaseUntil: number, limit: number) => {
    const claimed: RegistrationRow[] = [];
    for (const row of selectDue.all({ now, realNow, limit })) {
      if (lease.run({ id: row.id, leaseUntil, realNow }).changes === 1) {
        claimed.push({ ...row, claimed_until: leaseUntil, attempts: row.attempts + 1 });
      }
    }
    return claimed;
  });

  return {
    async insertRegistration(record, idempotency) {
      // IMMEDIATE: the key check and the insert see no concurrent writer in between.
      insertWithKey.immediate(registrationToRow(record), idempotency);
    },
    async getRegistration(id) {
      const row = selectById.get(id);
      return row === undefined ? undefined : registrationFromRow(row);
    },
    async claimDueRegistrations(now, realNow, leaseUntil, limit) {
      return claimDue.immediate(now, realNow, leaseUntil, limit).map(registrationFromRow);
    },
    async rescheduleRegistration(id, sendAt) {
      return reschedule.run({ id, sendAt }).changes === 1;
    },
    async markRegistrationSent(id, sentAt, linkExpiresAt) {
      const changed = markSent.run({ id, sentAt, linkExpiresAt }).changes === 1;
      if (changed) checkpoint();
      return changed;
    },
    async markRegistrationUsed(id, usedAt, linkExpiresAt) {
      const changed = markUsed.run({ id, usedAt, linkExpiresAt }).changes === 1;
      if (changed) checkpoint();
      return changed;
    },
    async deleteRegistration(id) {
      if (deleteById.run(id).changes > 0) checkpoint();
    },
    async purgeRegistrations(now) {
      const deleted = purgeRows.run({ now }).changes + purgeKeys.run(now).changes;
      if (deleted > 0) checkpoint();
    },
    async getIdempotency(keyHash) {
      const row = selectKey.get(keyHash);
      return row === undefined ? undefined : keyFromRow(row);
    },
    async claimIdempotency(record, previousOwner) {
      if (previousOwner === null) return insertKey.run({ ...record }).changes === 1;
      return takeOverKey.run({ ...record, previousOwner }).changes === 1;
    },
    async releaseIdempotency(keyHash, owner) {
      releaseKey.run(keyHash, owner);
    },
  };
}
