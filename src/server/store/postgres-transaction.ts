import type pg from 'pg';
import { IdempotencyConflictError, type IdempotencyCompletion } from './types.js';

/** Arbitrary constants naming the relay's locks among the database's advisory locks. */
export const MIGRATION_LOCK = 0x6d796e61; // "myna"
export const FLOW_PURGE_LOCK = 0x6d796e62;
export const REGISTRATION_PURGE_LOCK = 0x6d796e63;
export const SESSION_PURGE_LOCK = 0x6d796e64;

/** Runs `work` on one pooled connection inside BEGIN … COMMIT; any error rolls back and is rethrown. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs a purge's statements in one transaction if no other instance is purging the same tables
 * right now (`pg_try_advisory_xact_lock`); otherwise skips the round. Purges from several instances
 * would only contend for the same rows (and could deadlock on large tables); the next round, a
 * second later, catches up. Returns whether this instance purged.
 */
export function purgeUnderLock(pool: pg.Pool, lock: number, statements: readonly (readonly [string, unknown[]])[]): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [lock]);
    if (rows[0]?.locked !== true) return false;
    for (const [sql, values] of statements) await client.query(sql, values);
    return true;
  });
}

/**
 * Inserts a row; with `idempotency`, marks its key done with the answer in the same transaction:
 * both or neither. Throws IdempotencyConflictError, writing nothing, if the key is no longer held.
 */
export async function insertCompletingKey(pool: pg.Pool, insertSql: string, values: unknown[], idempotency: IdempotencyCompletion | undefined): Promise<void> {
  if (idempotency === undefined) {
    await pool.query(insertSql, values);
    return;
  }
  await inTransaction(pool, async (client) => {
    const completed = await client.query(
      `UPDATE idempotency_keys SET state = 'done', answer = $3 WHERE key_hash = $1 AND owner = $2 AND state = 'running'`,
      [idempotency.keyHash, idempotency.owner, idempotency.answer],
    );
    if (completed.rowCount !== 1) throw new IdempotencyConflictError();
    await client.query(insertSql, values);
  });
}
