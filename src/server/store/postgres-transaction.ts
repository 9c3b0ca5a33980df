import type pg from 'pg';

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
