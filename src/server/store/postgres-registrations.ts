import type pg from 'pg';
import { insertCompletingKey, purgeUnderLock, REGISTRATION_PURGE_LOCK } from './postgres-transaction.js';
import { keyFromRow, REGISTRATION_COLUMNS, registrationFromRow, registrationToRow, type IdempotencyRow, type RegistrationRow } from './rows.js';
import type { RegistrationStore } from './types.js';

const insertSql = `INSERT INTO registrations (${REGISTRATION_COLUMNS.join(', ')})
  VALUES (${REGISTRATION_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`;

/**
 * Leases due rows in one statement. SKIP LOCKED: rows another instance is leasing right now are
 * left to it instead of waited for; a row it already leased fails the re-checked WHERE. Either
 * way two instances never hold the same row, so a mail is sent once.
 */
const claimDueSql = `
  WITH due AS (
    SELECT id FROM registrations
    WHERE status = 'waiting' AND send_at <= $1 AND retain_until > $1 AND (claimed_until IS NULL OR claimed_until <= $2)
    ORDER BY send_at
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  UPDATE registrations AS r SET claimed_until = $3, attempts = r.attempts + 1
  FROM due WHERE r.id = due.id
  RETURNING r.*`;

/** The RegistrationStore half of the Postgres store, on the flows' pool. */
export function postgresRegistrations(pool: pg.Pool): RegistrationStore {
  const changed = async (sql: string, values: unknown[]) => (await pool.query(sql, values)).rowCount === 1;

  return {
    async insertRegistration(record, idempotency) {
      const row = registrationToRow(record);
      await insertCompletingKey(pool, insertSql, REGISTRATION_COLUMNS.map((column) => row[column]), idempotency);
    },
    async getRegistration(id) {
      const { rows } = await pool.query<RegistrationRow>('SELECT * FROM registrations WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : registrationFromRow(rows[0]);
    },
    async claimDueRegistrations(now, realNow, leaseUntil, limit) {
      const { rows } = await pool.query<RegistrationRow>(claimDueSql, [now, realNow, leaseUntil, limit]);
      return rows.sort((a, b) => a.send_at - b.send_at).map(registrationFromRow);
    },
    rescheduleRegistration: (id, sendAt) =>
      changed(`UPDATE registrations SET send_at = $2, claimed_until = NULL WHERE id = $1 AND status = 'waiting' AND claimed_until IS NOT NULL`, [
        id,
        sendAt,
      ]),
    markRegistrationSent: (id, sentAt, linkExpiresAt) =>
      changed(
        `UPDATE registrations SET status = 'sent', sealed_contact = NULL, claimed_until = NULL, sent_at = $2, link_expires_at = $3
         WHERE id = $1 AND status = 'waiting'`,
        [id, sentAt, linkExpiresAt],
      ),
    markRegistrationUsed: (id, usedAt, linkExpiresAt) =>
      changed(
        `UPDATE registrations SET status = 'used', sealed_return = NULL, sealed_contact = NULL, claimed_until = NULL, used_at = $2,
           link_expires_at = COALESCE(link_expires_at, $3)
         WHERE id = $1 AND status IN ('waiting', 'sent')`,
        [id, usedAt, linkExpiresAt],
      ),
    async deleteRegistration(id) {
      await pool.query('DELETE FROM registrations WHERE id = $1', [id]);
    },
    async purgeRegistrations(now) {
      await purgeUnderLock(pool, REGISTRATION_PURGE_LOCK, [
        [`DELETE FROM registrations WHERE retain_until <= $1 OR (status IN ('sent', 'used') AND link_expires_at <= $1)`, [now]],
        ['DELETE FROM idempotency_keys WHERE expires_at <= $1', [now]],
      ]);
    },
    async getIdempotency(keyHash) {
      const { rows } = await pool.query<IdempotencyRow>('SELECT * FROM idempotency_keys WHERE key_hash = $1', [keyHash]);
      return rows[0] === undefined ? undefined : keyFromRow(rows[0]);
    },
    claimIdempotency(record, previousOwner) {
      const { keyHash, sealedFingerprint, owner, state, lockedUntil, answer, expiresAt } = record;
      if (previousOwner === null) {
        // ON CONFLICT DO NOTHING: of two instances inserting the same key at once, exactly one gets the row.
        return changed(
          `INSERT INTO idempotency_keys (key_hash, sealed_fingerprint, owner, state, locked_until, answer, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key_hash) DO NOTHING`,
          [keyHash, sealedFingerprint, owner, state, lockedUntil, answer, expiresAt],
        );
      }
      return changed(
        `UPDATE idempotency_keys SET sealed_fingerprint = $2, owner = $3, locked_until = $4, expires_at = $5
         WHERE key_hash = $1 AND owner = $6 AND state = 'running'`,
        [keyHash, sealedFingerprint, owner, lockedUntil, expiresAt, previousOwner],
      );
    },
    async releaseIdempotency(keyHash, owner) {
      await pool.query(`DELETE FROM idempotency_keys WHERE key_hash = $1 AND owner = $2 AND state = 'running'`, [keyHash, owner]);
    },
  };
}
